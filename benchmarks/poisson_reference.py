"""Long-run NUTS reference posterior for a simulated Poisson GLMM with an exposure offset.

    count ~ x + offset(log(exposure)) + (1 | site) + (1 | month),  family Poisson, log link

The script simulates one data set (seed 20261203), writes it to nbs/fixtures/poisson_offset.csv, fits the model with
PyMC + nutpie (4 chains x 25,000 draws after 2,000 tuning steps) and writes the posterior summary ArviZ gives for
the scalars and a few group effects to benchmarks/results/poisson-nuts-2026-12-03.json, as the reference against
which hierbayes's own Poisson sampler is checked.

Run it in the bench venv (benchmarks/README.md), never in the package's own environment:

    /path/bench-venv/bin/python benchmarks/poisson_reference.py [--draws N] [--tune N] [--seed N]

It does not import hierbayes: the reference must come from an independent implementation.
"""
import argparse, csv, hashlib, io, json, os, sys, time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CSV_PATH = REPO / 'nbs' / 'fixtures' / 'poisson_offset.csv'
JSON_PATH = REPO / 'benchmarks' / 'results' / 'poisson-nuts-2026-12-03.json'

# ---- simulation settings -------------------------------------------------------------------------------------------
DATA_SEED = 20261203
N, N_SITE, N_MONTH = 600, 40, 25
TRUE = dict(Intercept=-1.0, x=0.5, sd_site=0.6, sd_month=0.3)
SITE_LABELS = [f's{i:02d}' for i in range(1, N_SITE + 1)]     # s01 .. s40
MONTH_LABELS = [f'm{i:02d}' for i in range(1, N_MONTH + 1)]   # m01 .. m25

# ---- sampler settings ------------------------------------------------------------------------------------------------
CHAINS, DRAWS, TUNE, SAMPLER_SEED = 4, 25_000, 2_000, 20261203
CORES = 2  # the machine has 2 cores shared with other work: at most 2 chains run at once

MODEL = 'count ~ x + offset(log(exposure)) + (1 | site) + (1 | month), family Poisson, log link'
PRIORS = {'Intercept': 'Normal(0, 10)', 'x': 'Normal(0, 10)',
          'sd_site': 'HalfCauchy(1)', 'sd_month': 'HalfCauchy(1)',
          'site': 'Normal(0, sd_site), non-centred: site = sd_site * z_site, z_site ~ Normal(0, 1)',
          'month': 'Normal(0, sd_month), non-centred: month = sd_month * z_month, z_month ~ Normal(0, 1)'}
# The parameters reported: the four scalars, the first three site effects and the first two month effects.
REPORTED = ['Intercept', 'x', 'sd_site', 'sd_month', 'site[s01]', 'site[s02]', 'site[s03]', 'month[m01]', 'month[m02]']


def simulate():
    """The data set and the true group effects, all from one generator, in this fixed order of draws:
    site and month levels (redrawn together until every level of both appears), x, exposure, site effects,
    month effects, counts. x and exposure are rounded to the 6 decimals the CSV keeps *before* the counts are drawn,
    so the file holds exactly the values that generated the counts."""
    rng = np.random.default_rng(DATA_SEED)
    while True:
        site = rng.integers(0, N_SITE, size=N)
        month = rng.integers(0, N_MONTH, size=N)
        if len(np.unique(site)) == N_SITE and len(np.unique(month)) == N_MONTH:
            break
    x = np.round(rng.normal(0.0, 1.0, size=N), 6)
    exposure = np.round(rng.uniform(0.5, 5.0, size=N), 6)
    a_site = rng.normal(0.0, TRUE['sd_site'], size=N_SITE)
    b_month = rng.normal(0.0, TRUE['sd_month'], size=N_MONTH)
    mu = exposure * np.exp(TRUE['Intercept'] + TRUE['x'] * x + a_site[site] + b_month[month])
    count = rng.poisson(mu)
    rows = [(int(c), f'{xi:.6f}', f'{ei:.6f}', SITE_LABELS[s], MONTH_LABELS[m])
            for c, xi, ei, s, m in zip(count, x, exposure, site, month)]
    truth = dict(TRUE)
    truth.update({f'site[{SITE_LABELS[j]}]': float(a_site[j]) for j in range(N_SITE)})
    truth.update({f'month[{MONTH_LABELS[k]}]': float(b_month[k]) for k in range(N_MONTH)})
    return rows, truth


def write_csv(rows):
    "Write the fixture unless it already exists with identical content. Returns (csv text, sha256, what was done)."
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(['count', 'x', 'exposure', 'site', 'month'])
    w.writerows(rows)
    text = buf.getvalue()
    digest = hashlib.sha256(text.encode()).hexdigest()
    if CSV_PATH.exists() and CSV_PATH.read_bytes() == text.encode():
        return text, digest, 'unchanged (identical content already there)'
    existed = CSV_PATH.exists()
    CSV_PATH.parent.mkdir(parents=True, exist_ok=True)
    CSV_PATH.write_bytes(text.encode())
    return text, digest, 'overwritten (content differed)' if existed else 'written'


def build_model(df):
    "The PyMC model, non-centred group effects, fitted to the data exactly as read back from the CSV."
    import pymc as pm
    site_idx = np.array([SITE_LABELS.index(s) for s in df['site']])
    month_idx = np.array([MONTH_LABELS.index(m) for m in df['month']])
    x = df['x'].to_numpy(float)
    log_exposure = np.log(df['exposure'].to_numpy(float))
    count = df['count'].to_numpy('int64')
    # PyMC forbids a variable named like its dimension: the dims are 'site_level' and 'month_level', while the
    # effects keep the names 'site' and 'month', so ArviZ labels them site[s01], month[m01], ...
    with pm.Model(coords={'site_level': SITE_LABELS, 'month_level': MONTH_LABELS}) as model:
        intercept = pm.Normal('Intercept', 0.0, 10.0)
        beta_x = pm.Normal('x', 0.0, 10.0)
        sd_site = pm.HalfCauchy('sd_site', beta=1.0)
        sd_month = pm.HalfCauchy('sd_month', beta=1.0)
        z_site = pm.Normal('z_site', 0.0, 1.0, dims='site_level')
        z_month = pm.Normal('z_month', 0.0, 1.0, dims='month_level')
        site = pm.Deterministic('site', sd_site * z_site, dims='site_level')      # site ~ Normal(0, sd_site)
        month = pm.Deterministic('month', sd_month * z_month, dims='month_level')  # month ~ Normal(0, sd_month)
        eta = intercept + beta_x * x + site[site_idx] + month[month_idx] + log_exposure  # offset: coefficient 1
        pm.Poisson('count', mu=pm.math.exp(eta), observed=count)
    return model


def summarise(idata):
    "ArviZ's summary (mean, sd, mcse of mean and sd, bulk ESS, R-hat) plus the 5/50/95% quantiles of the pooled draws."
    import arviz as az
    coords = {'site_level': SITE_LABELS[:3], 'month_level': MONTH_LABELS[:2]}
    var_names = ['Intercept', 'x', 'sd_site', 'sd_month', 'site', 'month']
    s = az.summary(idata, var_names=var_names, coords=coords, kind='all', round_to='none')
    q = az.summary(idata, var_names=var_names, coords=coords, kind='stats', round_to='none',
                   stat_funcs={'q05': lambda v: np.quantile(v, 0.05), 'q50': lambda v: np.quantile(v, 0.50),
                               'q95': lambda v: np.quantile(v, 0.95)}, extend=False)
    out = {}
    for name in REPORTED:
        r, rq = s.loc[name], q.loc[name]
        out[name] = dict(mean=float(r['mean']), sd=float(r['sd']), q05=float(rq['q05']), q50=float(rq['q50']),
                         q95=float(rq['q95']), mcse_mean=float(r['mcse_mean']), mcse_sd=float(r['mcse_sd']),
                         ess_bulk=float(r['ess_bulk']), r_hat=float(r['r_hat']))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--draws', type=int, default=DRAWS)
    p.add_argument('--tune', type=int, default=TUNE)
    p.add_argument('--seed', type=int, default=SAMPLER_SEED)
    p.add_argument('--out', type=Path, default=JSON_PATH, help='where the JSON goes (default: %(default)s)')
    a = p.parse_args()

    # 1. Data: simulate, write the fixture (if needed), and read it back so the fit uses exactly the file's values.
    rows, truth = simulate()
    text, digest, action = write_csv(rows)
    import pandas as pd
    df = pd.read_csv(io.StringIO(text), dtype={'site': str, 'month': str})
    print(f'data: {CSV_PATH} {action}; {len(df)} rows, sha256 {digest[:16]}..., '
          f'{df["count"].sum()} events, {(df["count"] == 0).mean():.1%} zeros', flush=True)

    # 2. Fit with nutpie (numba backend) on the PyMC model.
    import pymc as pm, nutpie, arviz as az, pytensor
    t0 = time.perf_counter()
    compiled = nutpie.compile_pymc_model(build_model(df))
    compile_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    idata = nutpie.sample(compiled, draws=a.draws, tune=a.tune, chains=CHAINS, cores=CORES, seed=a.seed,
                          save_warmup=False, progress_bar=False)
    seconds = time.perf_counter() - t1
    divergences = int(idata.sample_stats['diverging'].sum())
    print(f'sampling: {CHAINS} chains x ({a.tune} tune + {a.draws} draws), {CORES} at a time: '
          f'{seconds:.1f} s (+ {compile_seconds:.1f} s compiling), {divergences} divergences', flush=True)

    # 3. Summary, JSON and table.
    params = summarise(idata)
    result = {
        'model': MODEL,
        'priors': PRIORS,
        'sampler': {'tool': 'nutpie',
                    'versions': {'nutpie': nutpie.__version__, 'pymc': pm.__version__, 'pytensor': pytensor.__version__,
                                 'arviz': az.__version__, 'numpy': np.__version__,
                                 'python': sys.version.split()[0]},
                    'chains': CHAINS, 'draws': a.draws, 'tune': a.tune, 'divergences': divergences,
                    'seconds': round(seconds, 2), 'compile_seconds': round(compile_seconds, 2),
                    'seed': a.seed, 'parallel_chains': CORES, 'backend': 'numba', 'parameterisation': 'non-centred'},
        'data': {'path': str(CSV_PATH.relative_to(REPO)), 'sha256': digest, 'seed': DATA_SEED, 'n': N,
                 'levels': {'site': N_SITE, 'month': N_MONTH},
                 'true_values': {k: truth[k] for k in REPORTED}},
        'parameters': params,
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=2) + '\n')

    head = f'{"parameter":<11} {"true":>7} {"mean":>8} {"sd":>7} {"q05":>8} {"q50":>8} {"q95":>8} ' \
           f'{"mcse_mean":>9} {"mcse_sd":>8} {"ess_bulk":>9} {"r_hat":>7} {"z":>6}'
    print(head)
    print('-' * len(head))
    for name, r in params.items():
        z = (r['mean'] - truth[name]) / r['sd']  # how many posterior sds the mean is from the true value
        print(f'{name:<11} {truth[name]:>7.3f} {r["mean"]:>8.4f} {r["sd"]:>7.4f} {r["q05"]:>8.4f} {r["q50"]:>8.4f} '
              f'{r["q95"]:>8.4f} {r["mcse_mean"]:>9.5f} {r["mcse_sd"]:>8.5f} {r["ess_bulk"]:>9.0f} '
              f'{r["r_hat"]:>7.4f} {z:>6.2f}')
    print(f'written: {a.out}')
    worst = max(r['r_hat'] for r in params.values())
    if worst >= 1.01 or divergences > 0.001 * CHAINS * a.draws:
        print(f'WARNING: max R-hat {worst:.4f}, {divergences} divergences', file=sys.stderr)


if __name__ == '__main__':
    main()
