__version__ = "0.0.1"

# The names a user needs, at the top level: `hierbayes.fit(formula, data)` and what it returns.
from .data import load_radon
from .fitting import ConvergenceWarning
from .priors import Priors, half_cauchy
from .sweep import CovariancePrior
from .result import GeneralFit, SeparationWarning, fit, load_fit
from . import prediction  # adds predict to chapter 41's two-level Fit
from . import plots  # adds coefficients to chapter 41's two-level Fit
