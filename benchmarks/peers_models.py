"""Peer benchmark of the model table: nutpie's NUTS on every model of benchmarks/models.py, on the same data.

Usage: python benchmarks/peers_models.py [--only NAME ...] [--quick] [--seed N] [--form {best,centred,non-centred}] [--lkj-eta ETA]
Run it in the bench venv (benchmarks/README.md), never in the package's own venv. Each model's data come from
models.py's own builders (radon through `hierbayes.data.load_radon` read from this repo's source; simulations with
their fixed seeds), so they are the rows hierbayes fits. The formula is read by hierbayes's own reader
(`hierbayes.model.read_model`, imported from this repo's source: fixed part treatment coded; `(1 + x | a)` one correlated
term; `(x || g)` independent terms; `a/b/c` the factors a, a:b and a:b:c; separate bars crossed factors) into a PyMC model, compiled by nutpie (numba backend) and sampled by NUTS,
4 chains x (1000 tune + 1000 draws) (`--quick`: 300 + 300, only to check that every model builds and samples).
Prints one JSON line per model on stdout; everything else goes to stderr.

- Model: the fixed part X b plus each factor's effects; gaussian, bernoulli (logit) or negative_binomial (log link,
  variance mu + mu^2 / dispersion). Scales start at 1 (jittered). Two forms of the effects: non-centred (u = sd z,
  z ~ N(0, 1); correlated columns u = L z, L the Cholesky factor of an LKJCholeskyCov) and centred (the effects are
  parameters, u ~ N(mean, sd) or MvNormal(mean, L L'), the intercept hierarchically centred: it is the mean of the
  intercept effects of the factor of fewest levels, and a factor nested in another (a:b in a) is centred on its
  parent's effects, as PyMC's radon notebook centres county intercepts on mu_alpha). Centring every factor on 0 with
  the intercept a parameter apart leaves a ridge between the intercept and the effects' mean (quick runs: survey-nested
  min ESS 17 against 682 centred on the intercept, sim-crossed 20 against 218). Neither form is NUTS's better one
  everywhere: non-centring suits factors whose levels hold few rows, centring those whose levels hold many (the
  survey's 8 states, sim-crossed's 30 levels of a), where a non-centred intercept and effects form a ridge that NUTS
  crosses slowly; a centred correlated term whose slope sd is poorly identified is a funnel that NUTS samples 15-100
  times more slowly (radon-slopes, survey-slopes). `--form best` (the default) fits both, one after the other, with
  the full run length, and reports the better: sound first (R-hat <= 1.01 and no divergences beats any unsound run,
  whatever its speed), then min bulk ESS per end-to-end second; the row's `form` says which it is, and both runs' key
  numbers are kept under `forms`. It costs both runs' time.
- Priors: N(0, 10) on each fixed coefficient; Uniform(0, 100) on sigma_y and every random-effect sd (the sds of
  correlated terms too); LKJ(eta) correlations, eta 2 unless `--lkj-eta`; Gamma(0.01, 0.01) truncated to >= 0.01 on
  the dispersion (hierbayes's own). hierbayes's defaults are flat on coefficients, uniform on (0, inf) for scales and
  a scaled inverse-Wishart for correlated terms: Sigma = diag(xi) Q diag(xi), Q ~ inverse-Wishart(q + 1, I), xi flat.
  Q's correlation is uniform, but carrying the flat xi to the sds sigma_i = |xi_i| sqrt(Q_ii) weights Q by
  prod_i Q_ii^(-1/2), which makes the sds flat and, for two columns, Sigma's correlation density proportional to
  1 - rho^2: LKJ(2). Hence the default eta 2 (radon-slopes' correlation: -0.212 (sd 0.317) with eta 2, hierbayes
  -0.199 (0.314)). The peers' priors are proper approximations of hierbayes's.
- Timing: `seconds_end_to_end` runs from the DataFrame in hand to the summary: reading the formula into arrays, the
  PyMC model, nutpie's compilation, sampling and `arviz.summary` of the scalars, without Python imports;
  `seconds_sampling` is the `nutpie.sample` call alone. Before the first model a tiny model is compiled and sampled,
  untimed, so that the first model's first form does not pay the process's one-time start-up alone. PyTensor caches
  compiled code in ~/.pytensor: a cold first run compiles more slowly.
- Mixing: min bulk ESS and max R-hat over the scalars, named as hierbayes's summary names them (beta[...],
  gamma[...] for the intercept and columns constant within a factor's levels, sigma_alpha*, rho_alpha*, sigma_y,
  dispersion); divergences after tuning; min bulk ESS per second end to end and per sampling second.
"""
import argparse, json, os, sys, tempfile, time, traceback
from pathlib import Path

sys.dont_write_bytecode = True  # leave no __pycache__ in the repo another engineer is editing
BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(BENCH), str(REPO)]

CHAINS, TUNE, DRAWS, QUICK = 4, 1000, 1000, 300
RHAT_LIMIT = 1.01  # as models.py's
COEFFICIENT_SD, SCALE_UPPER, LKJ_ETA = 10.0, 100.0, 2.0  # LKJ_ETA: the default of --lkj-eta, hierbayes's prior for two columns
# Every scale starts at 1 (then jittered by nutpie), not at Uniform(0, 100)'s midpoint 50: there, with z jittered in
# (-1, 1), logit models' linear predictors reach +-100, where PyTensor's gradient of the Bernoulli log-likelihood is
# not finite, and nutpie refuses every initial point ("Logp function returned error: ErrorCode(3)").
INITIAL_SCALE = 1.0
DISPERSION_PRIOR, DISPERSION_MIN = (0.01, 0.01), 0.01  # hierbayes's (glm.dispersion_log_density): Gamma(shape, rate), r >= 0.01


def priors(lkj_eta: float) -> str:
    return (f'fixed coefficients ~ N(0, {COEFFICIENT_SD:g}); sigma_y and every random-effect sd ~ Uniform(0, {SCALE_UPPER:g}); '
            f'correlations LKJ(eta={lkj_eta:g}); dispersion ~ Gamma{DISPERSION_PRIOR} truncated to >= {DISPERSION_MIN}. '
            'hierbayes default: flat coefficients, uniform (0, inf) scales, scaled inverse-Wishart (df q + 1, flat xi: '
            'flat sds, correlation density (1 - rho^2) = LKJ(2) when q = 2) for correlated terms, the same dispersion prior')


# ---------------------------------------------------------------- data

def import_hierbayes_data() -> None:
    """Import `hierbayes.data` from the repo's source before models.py needs it. `import hierbayes` checks that it
    may write numba's cache beside the package (a temporary file in hierbayes/__pycache__) unless NUMBA_CACHE_DIR is
    set: point it at a temporary folder for that import only (numba is not imported yet), so the repo is not touched."""
    before = os.environ.get('NUMBA_CACHE_DIR')
    os.environ['NUMBA_CACHE_DIR'] = tempfile.gettempdir()
    try:
        import hierbayes.data  # noqa: F401
    finally:
        if before is None: os.environ.pop('NUMBA_CACHE_DIR', None)
        else: os.environ['NUMBA_CACHE_DIR'] = before


# ---------------------------------------------------------------- the formula, read by hierbayes itself

def read(formula: str, data, family: str):
    """Arrays of the model as hierbayes reads it (`hierbayes.model.read_model`): y, fixed design X, factors (codes,
    level count) and terms (factor, column names, values), and the names hierbayes's summary gives the scalars."""
    from hierbayes.model import group_level_columns, read_model
    model = read_model(formula, data, gaussian=family == 'gaussian')
    factors = {name: (factor.codes.astype('int64'), len(factor.levels)) for name, factor in model.factors.items()}
    terms = [(term.factor, list(term.columns), term.values) for term in model.terms]
    gamma = {c for columns in group_level_columns(model).values() for c in columns}  # constant within some factor's levels
    fixed_names = [f'gamma[{c}]' if c in gamma else f'beta[{c}]' for c in model.X.columns]
    return model.y, model.X.astype(float), factors, terms, fixed_names


# ---------------------------------------------------------------- the PyMC model

def centring_plan(factors, terms, X):
    """Where each factor's intercept effects are centred in the centred form: the intercept itself for the factor of
    fewest levels among those not nested in another (its effects' mean), the parent's effect of each level for a factor
    nested in another (`a:b` inside `a`), 0 for the others; and the factors whose effects a nested child absorbs."""
    import numpy as np
    with_intercept = {name for name, columns, _ in terms if columns and columns[0] == 'Intercept'}
    parents = {}
    for name in factors:
        outer = name.rpartition(':')[0]
        if outer in factors and outer in with_intercept and name in with_intercept:
            codes, L = factors[name]
            parent = np.zeros(L, dtype='int64')
            parent[codes] = factors[outer][0]
            parents[name] = (outer, parent)
    roots = [n for n in with_intercept if n not in parents]
    root = min(roots, key=lambda n: factors[n][1]) if roots and 'Intercept' in X.columns else None
    return root, parents, {outer for outer, _ in parents.values()}


def pymc_model(y, X, factors, terms, family, lkj_eta=LKJ_ETA, centred=False):
    """The PyMC model, and for each scalar hierbayes reports, how to read its draws from the posterior:
    hierbayes name -> (PyMC variable, index or None). Non-centred: every effect u = sd z. Centred: each factor's
    effects are parameters, the intercept effects centred hierarchically (`centring_plan`), as in PyMC's radon
    notebook's centred model (county intercepts ~ N(mu_alpha, sigma_alpha))."""
    import numpy as np, pymc as pm, pytensor.tensor as pt
    scalars = {}
    suffix = len(factors) > 1
    root, parents, absorbed = centring_plan(factors, terms, X) if centred else (None, {}, set())
    with pm.Model() as model:
        fixed_columns = [c for c in X.columns if not (root is not None and c == 'Intercept')]
        fixed = pm.Normal('fixed', 0, COEFFICIENT_SD, shape=len(fixed_columns))
        for k, c in enumerate(fixed_columns): scalars[('fixed', c)] = ('fixed', (k,))
        eta = pt.dot(X[fixed_columns].to_numpy(), fixed)
        intercept = None
        if root is not None:
            intercept = pm.Normal('intercept', 0, COEFFICIENT_SD)
            scalars[('fixed', 'Intercept')] = ('intercept', None)
        effects = {}  # factor -> its intercept effects (centred form), for its nested children
        for f, (name, (codes, L)) in enumerate(factors.items()):
            label = 'sigma_alpha' + (f'_{name}' if suffix else '')
            rho_label = 'rho_alpha' + (f'_{name}' if suffix else '')
            own = [(t, term) for t, term in enumerate(terms) if term[0] == name]
            columns = [c for _, (_, cs, _) in own for c in cs]
            for t, (_, cs, values) in own:
                q = len(cs)
                mean = 0.0
                if centred and cs[0] == 'Intercept':
                    mean = intercept if name == root else effects[parents[name][0]][parents[name][1]] if name in parents else 0.0
                if q == 1:
                    sd = pm.Uniform(f'sd_{t}', 0, SCALE_UPPER, initval=INITIAL_SCALE)
                    if centred:
                        u = pm.Normal(f'u_{t}', mean, sd, shape=L)
                        if cs[0] == 'Intercept': effects[name] = u
                        if not (name in absorbed and cs[0] == 'Intercept'): eta = eta + u[codes] * values[:, 0]
                    else:
                        z = pm.Normal(f'z_{t}', 0, 1, shape=L)
                        eta = eta + sd * z[codes] * values[:, 0]
                    scalars[label if len(columns) == 1 else f'{label}[{cs[0]}]'] = (f'sd_{t}', None)
                else:
                    packed = np.zeros(q * (q + 1) // 2)  # lower triangle by rows: the identity times INITIAL_SCALE
                    packed[[i * (i + 1) // 2 + i for i in range(q)]] = INITIAL_SCALE
                    chol, _, _ = pm.LKJCholeskyCov(f'chol_{t}', eta=lkj_eta, n=q, compute_corr=True, initval=packed,
                                                   sd_dist=pm.Uniform.dist(0, SCALE_UPPER, size=q))
                    if centred:
                        centre = pt.zeros((L, q))
                        if cs[0] == 'Intercept': centre = pt.set_subtensor(centre[:, 0], mean)
                        u = pm.MvNormal(f'u_{t}', mu=centre, chol=chol, shape=(L, q))
                        if cs[0] == 'Intercept': effects[name] = u[:, 0]
                        part = u if name not in absorbed else pt.set_subtensor(u[:, 0], 0.0)  # a child holds the intercept
                    else:
                        z = pm.Normal(f'z_{t}', 0, 1, shape=(L, q))
                        part = pt.dot(z, chol.T)  # (L, q): rows ~ N(0, L L')
                    eta = eta + (part[codes] * values).sum(axis=1)
                    for i, c in enumerate(cs):
                        scalars[f'{label}[{c}]'] = (f'chol_{t}_stds', (i,))
                        for j in range(i + 1, q): scalars[f'{rho_label}[{c},{cs[j]}]'] = (f'chol_{t}_corr', (i, j))
        if family == 'gaussian':
            sigma_y = pm.Uniform('sigma_y', 0, SCALE_UPPER, initval=INITIAL_SCALE)
            pm.Normal('y', eta, sigma_y, observed=y)
            scalars['sigma_y'] = ('sigma_y', None)
        elif family == 'bernoulli':
            pm.Bernoulli('y', logit_p=eta, observed=y.astype('int64'))
        elif family == 'negative_binomial':
            r = pm.Truncated('dispersion', pm.Gamma.dist(*DISPERSION_PRIOR), lower=DISPERSION_MIN)
            pm.NegativeBinomial('y', mu=pt.exp(eta), alpha=r, observed=y.astype('int64'))
            scalars['dispersion'] = ('dispersion', None)
        elif family == 'poisson':
            pm.Poisson('y', mu=pt.exp(eta), observed=y.astype('int64'))
        else: raise ValueError(f'no peer model for the family {family!r}')
    return model, scalars


def scalar_draws(idata, X, fixed_names, scalars) -> dict:
    "(chain, draw) draws of every scalar, by hierbayes's name."
    post = idata.posterior
    named = {**{n: scalars[('fixed', c)] for c, n in zip(X.columns, fixed_names)},
             **{n: where for n, where in scalars.items() if not isinstance(n, tuple)}}
    return {n: post[var].values if index is None else post[var].values[(Ellipsis, *index)] for n, (var, index) in named.items()}


# ---------------------------------------------------------------- one run

def run(name, formula, family, data_name, load, tune, draws, seed, lkj_eta=LKJ_ETA, form='non-centred'):
    import numpy as np, pymc as pm, pytensor, nutpie, arviz as az
    out = dict(name=name, formula=formula, family=family, data=data_name, tool='nutpie', chains=CHAINS, tune=tune,
               draws=draws, seed=seed, form=form, lkj_eta=lkj_eta, priors=priors(lkj_eta),
               versions=dict(nutpie=nutpie.__version__, pymc=pm.__version__, pytensor=pytensor.__version__,
                             arviz=az.__version__))
    out['nutpie'] = nutpie.__version__
    notes = []
    try:
        t = time.perf_counter()
        data, _ = load(notes)
        out['data_seconds'] = time.perf_counter() - t  # building the DataFrame (models.py's loader): not in any total
        out['rows'], out['notes'] = len(data), notes
        t0 = time.perf_counter()  # the DataFrame is in hand
        y, X, factors, terms, fixed_names = read(formula, data, family)
        model, scalars = pymc_model(y, X, factors, terms, family, lkj_eta, centred=form == 'centred')
        out['levels'] = {f: L for f, (_, L) in factors.items()}
        out['seconds_build'] = time.perf_counter() - t0
        tc = time.perf_counter()
        compiled = nutpie.compile_pymc_model(model)  # default backend: numba
        out['seconds_compile'] = time.perf_counter() - tc
        ts = time.perf_counter()
        idata = nutpie.sample(compiled, draws=draws, tune=tune, chains=CHAINS, seed=seed, progress_bar=False)
        out['seconds_sampling'] = time.perf_counter() - ts
        tt = time.perf_counter()
        summary = az.summary(scalar_draws(idata, X, fixed_names, scalars), kind='all', round_to='none')
        t2 = time.perf_counter()
        out['seconds_summary'] = t2 - tt
        out['seconds_end_to_end'] = t2 - t0
        ess, rhat = summary['ess_bulk'], summary['r_hat']
        out.update(min_ess_bulk=float(ess.min()), min_ess_parameter=str(ess.idxmin()),
                   min_ess_tail=float(summary['ess_tail'].min()),
                   max_rhat=float(rhat.max()), max_rhat_parameter=str(rhat.idxmax()),
                   divergences=int(idata.sample_stats['diverging'].sum()))
        out['ess_per_second_end_to_end'] = out['min_ess_bulk'] / out['seconds_end_to_end']
        out['ess_per_second_sampling'] = out['min_ess_bulk'] / out['seconds_sampling']
        out['parallelism'] = f'nutpie default: chains on threads over {os.cpu_count()} cores; backend numba'
        out['parameters'] = {p: dict(mean=float(summary.loc[p, 'mean']), sd=float(summary.loc[p, 'sd']),
                                     ess_bulk=float(ess[p]), r_hat=float(rhat[p])) for p in summary.index}
    except Exception as error:
        out['error'] = f'{type(error).__name__}: {error}'
        print(f'{name}: {formula} ({family}) raised:', file=sys.stderr)
        traceback.print_exc()
    return out


def merit(out: dict) -> tuple:
    "How a run ranks among the forms: sound (no error, R-hat <= RHAT_LIMIT, no divergences) first, then min bulk ESS per end-to-end second."
    if 'error' in out: return (0, 0.0)
    return (int(out['max_rhat'] <= RHAT_LIMIT and out['divergences'] == 0) + 1, out['ess_per_second_end_to_end'])


def warm_up(seed: int) -> float:
    "Compile and sample a two-parameter model, untimed: the process's one-time start-up of nutpie and numba. Its seconds."
    import numpy as np, pymc as pm, nutpie
    begin = time.perf_counter()
    with pm.Model() as model:
        mu, sd = pm.Normal('mu', 0, COEFFICIENT_SD), pm.Uniform('sd', 0, SCALE_UPPER, initval=INITIAL_SCALE)
        pm.Normal('y', mu, sd, observed=np.linspace(-1, 1, 20))
    nutpie.sample(nutpie.compile_pymc_model(model), draws=20, tune=20, chains=CHAINS, seed=seed, progress_bar=False)
    return time.perf_counter() - begin


def main():
    from models import models
    table = models()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--only', action='append', choices=list(table), metavar='NAME',
                        help=f'run only this model (repeatable): {", ".join(table)}')
    parser.add_argument('--quick', action='store_true', help=f'{QUICK} tune + {QUICK} draws per chain, to check that every model builds and samples')
    parser.add_argument('--seed', type=int, default=1, help="nutpie's seed (the simulated data have their own fixed seeds)")
    parser.add_argument('--form', default='best', choices=['best', 'centred', 'non-centred'],
                        help="the effects' parameterisation; 'best' (default) runs both and reports the better (sound first, then min bulk ESS per end-to-end second)")
    parser.add_argument('--lkj-eta', type=float, default=LKJ_ETA,
                        help='eta of the LKJ prior on correlations (default %(default)s; 2 is what hierbayes\'s default implies for two columns)')
    args = parser.parse_args()
    tune = draws = QUICK if args.quick else DRAWS
    stdout, sys.stdout = sys.stdout, sys.stderr  # anything the tools print goes to stderr: stdout carries the JSON lines
    import_hierbayes_data()
    ti = time.perf_counter()
    import formulae, pymc, pytensor, nutpie, arviz  # noqa: F401  (imports: not in any total)
    print(f'imports {time.perf_counter() - ti:.1f} s; nutpie {nutpie.__version__}, pymc {pymc.__version__}, '
          f'{CHAINS} chains x ({tune} tune + {draws} draws), seed {args.seed}, form {args.form}, LKJ eta {args.lkj_eta:g}'
          + ('; QUICK RUN' if args.quick else ''), file=sys.stderr)
    print(f'warm-up (untimed) {warm_up(args.seed):.1f} s', file=sys.stderr)
    failed = []
    for name, (formula, family, data_name, load, _) in table.items():
        if args.only and name not in args.only: continue
        print(f'--- {name}: {formula} ({family})', file=sys.stderr, flush=True)
        forms = ['centred', 'non-centred'] if args.form == 'best' else [args.form]
        runs = [run(name, formula, family, data_name, load, tune, draws, args.seed, args.lkj_eta, form) for form in forms]
        out = max(runs, key=merit)  # the first (centred) on a tie
        out['form_choice'] = ('best of centred and non-centred: sound (R-hat <= 1.01, no divergences) first, then min bulk ESS '
                              'per end-to-end second') if args.form == 'best' else 'fixed by --form'
        out['forms'] = {r['form']: {k: r.get(k) for k in ('seconds_end_to_end', 'seconds_compile', 'seconds_sampling', 'min_ess_bulk',
                                                          'min_ess_parameter', 'max_rhat', 'max_rhat_parameter', 'divergences',
                                                          'ess_per_second_end_to_end', 'error')} for r in runs}
        print(f"{name}: reported form {out['form']}; " + '; '.join(
            f"{f}: {v['seconds_end_to_end'] or 0:.1f} s, min ESS {v['min_ess_bulk'] or 0:.0f}, max R-hat {v['max_rhat'] or 0:.3f}, "
            f"{v['divergences']} divergences" + (' (error)' if v['error'] else '') for f, v in out['forms'].items()), file=sys.stderr, flush=True)
        if 'error' in out: failed.append(name)
        print(json.dumps(out), file=stdout, flush=True)
    if failed: sys.exit(f'failed: {", ".join(failed)}')


if __name__ == '__main__':
    main()
