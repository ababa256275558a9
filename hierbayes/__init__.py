__version__ = "0.0.1"

# The names a user needs, at the top level: `hierbayes.fit(formula, data)` and what it returns. Each is imported when it
# is first used (PEP 562), so `import hierbayes` is instant and pays for pandas, scipy and numba only when a fit needs them.
_HOMES = {'load_radon': 'data', 'ConvergenceWarning': 'chains', 'Priors': 'priors', 'half_cauchy': 'priors',
          'CovariancePrior': 'sweep', 'Fit': 'result', 'SeparationWarning': 'result', 'fit': 'result', 'load_fit': 'result'}
__all__ = list(_HOMES)

def __getattr__(name: str):
    "Import a top-level name from its module on first use."
    if name not in _HOMES: raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
    from importlib import import_module
    value = getattr(import_module(f'.{_HOMES[name]}', __name__), name)
    globals()[name] = value
    return value

def __dir__() -> list: return sorted([*globals(), *__all__])
