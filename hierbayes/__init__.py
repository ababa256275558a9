__version__ = "0.0.1"

# The names a user needs, at the top level: `hierbayes.fit(formula, data)` and what it returns. Each is imported when it
# is first used (PEP 562), so `import hierbayes` is instant and pays for pandas, scipy and numba only when a fit needs them.
_HOMES = {'load_radon': 'data', 'ConvergenceWarning': 'chains', 'Priors': 'priors', 'half_cauchy': 'priors',
          'CovariancePrior': 'sweep', 'Fit': 'result', 'SeparationWarning': 'result', 'fit': 'result', 'load_fit': 'result'}
__all__ = list(_HOMES)

def _writable(folder: str) -> bool:
    "Whether files can be created in `folder` (made if missing)."
    import os, tempfile
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder): return True
    except OSError: return False

def _numba_cache() -> None:
    "numba caches compiled code beside the package, in NUMBA_CACHE_DIR or in the user's cache folder; where none can be written, use a temporary folder (compiled once per process) rather than fail."
    import os, tempfile
    chosen = os.environ.get('NUMBA_CACHE_DIR')
    if chosen: usable = _writable(chosen)
    else:
        home = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
        usable = _writable(os.path.join(os.path.dirname(__file__), '__pycache__')) or _writable(os.path.join(home, 'numba'))
    if not usable: os.environ['NUMBA_CACHE_DIR'] = tempfile.mkdtemp(prefix='hierbayes-numba-')

_numba_cache()

# ArviZ 0.23 announces its coming 1.0 on import; the notice is about ArviZ's own interface, which the package pins, not
# about anything a hierbayes user does, so it is silenced (that one message only).
import warnings as _warnings
_warnings.filterwarnings('ignore', message=r'\s*ArviZ is undergoing a major refactor', category=FutureWarning)

def __getattr__(name: str):
    "Import a top-level name from its module on first use."
    if name not in _HOMES: raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
    from importlib import import_module
    value = getattr(import_module(f'.{_HOMES[name]}', __name__), name)
    globals()[name] = value
    return value

def __dir__() -> list: return sorted([*globals(), *__all__])
