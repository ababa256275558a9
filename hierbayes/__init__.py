__version__ = "0.0.1"

# The names a user needs, at the top level: `hierbayes.fit(formula, data)`.
from .data import load_radon
from .fitting import Fit
from .priors import Priors, half_cauchy
from .sweep import CovariancePrior
from .result import GeneralFit, fit, load_fit
from . import prediction  # adds Fit.predict
from . import plots  # adds Fit.coefficients
