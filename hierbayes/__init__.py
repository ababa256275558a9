__version__ = "0.0.1"

# The names a user needs, at the top level: `hierbayes.fit(formula, data)` and what it returns.
from .data import load_radon
from .chains import ConvergenceWarning
from .priors import Priors, half_cauchy
from .sweep import CovariancePrior
from .result import Fit, SeparationWarning, fit, load_fit
