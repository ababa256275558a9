"""How well the general Gibbs sweep mixes, model by model: minimum bulk ESS and maximum R-hat over every scalar.

Usage: python benchmarks/models.py [--only NAME ...] [--quick] [--seed N] [--out models.jsonl]
Each model is fitted with `hierbayes.fit` (the engine it chooses; `--backend numpy`: chapter 87's steps as written) at its defaults (4 chains x (1,000 warmup + 1,000 draws),
one fixed seed), one model at a time, and printed as one row of a markdown table: the formula, family, data, rows,
levels per factor, seconds of the fit, the minimum bulk ESS over all scalar parameters (beta, gamma, sigma_alpha*,
rho_alpha*, sigma_y, dispersion) and which parameter it is, that minimum as a percentage of the kept draws, the
maximum R-hat, the model's required ESS percentage, and pass (ESS at or above the required percentage and every
R-hat <= 1.01) or fail. Simulated models also show recovery: the largest |posterior mean - true value| / posterior sd
over the scalars, as a sanity column that does not decide pass or fail. `--quick` runs 300 warmup + 300 draws per
chain, to check that every model fits; its ESS percentages are not the standard ones.
"""
import argparse, json, sys, time, traceback, warnings
import numpy as np
import pandas as pd
from scipy.special import expit

RHAT_LIMIT = 1.01
LOG_4 = np.log(4.0)  # 4 pCi/L, the EPA's action level


# ---------------------------------------------------------------- data

def complete_rows(data: pd.DataFrame, columns: list, label: str, notes: list) -> pd.DataFrame:
    "Drop rows with a missing value in any model column, saying how many, column by column."
    missing = {c: int(data[c].isna().sum()) for c in columns}
    keep = data[columns].notna().all(axis=1)
    counts = ', '.join(f'{c} {n}' for c, n in missing.items())
    notes.append(f'{label}: missing values by column: {counts}; {int((~keep).sum())} of {len(data)} rows dropped, {int(keep.sum())} kept')
    return data[keep].reset_index(drop=True)


def radon_mn(notes: list) -> pd.DataFrame:
    from hierbayes.data import load_radon
    data = load_radon()
    data['above'] = (data['log_radon'] >= LOG_4).astype(int)
    return complete_rows(data, ['log_radon', 'floor', 'log_uranium', 'county'], 'radon MN', notes)


def radon_all(notes: list, columns: list) -> pd.DataFrame:
    """Every survey state. County names repeat across states (59 names are used in more than one state), so the
    `county` column is relabelled `STATE_COUNTY`, so that `(1 | county)` means one county (`state/county` would tell them
    apart by itself, and its labels `STATE:STATE_COUNTY` must not hold a second colon)."""
    from hierbayes.data import load_radon
    data = load_radon('all')
    repeated = int((data.groupby('county')['state'].nunique() > 1).sum())
    before = data['county'].nunique()
    data['county'] = data['state'] + '_' + data['county']
    notes.append(f'radon all states: {repeated} county names occur in more than one state; county relabelled '
                 f'STATE_COUNTY ({before} names -> {data["county"].nunique()} counties)')
    return complete_rows(data, columns, 'radon all states', notes)


# ---------------------------------------------------------------- simulations
# Each returns (data without the outcome, linear predictor without the intercept, truth by summary name).
# The intercept is INTERCEPT; beta[x] is SLOPE. Gaussian outcomes add N(0, SIGMA_Y^2) noise.

ROWS, INTERCEPT, SLOPE, SIGMA_Y = 3000, 0.3, 0.8, 0.7


def sim_nested(rng):
    "20 levels of a, 5 of b in each (100), 3 of c in each b (300); labels of b and c repeat across parents."
    n, A, B, C, sd = ROWS, 20, 5, 3, dict(a=0.8, ab=0.5, abc=0.3)
    cell = rng.integers(0, A * B * C, n)
    data = pd.DataFrame({'x': rng.normal(size=n), 'a': cell // (B * C), 'b': (cell // C) % B, 'c': cell % C})
    u_a, u_ab, u_abc = (rng.normal(0, sd[k], size) for k, size in [('a', A), ('ab', A * B), ('abc', A * B * C)])
    eta = u_a[cell // (B * C)] + u_ab[cell // C] + u_abc[cell]
    return data, eta, {'sigma_alpha_a': sd['a'], 'sigma_alpha_a:b': sd['ab'], 'sigma_alpha_a:b:c': sd['abc']}


def sim_crossed(rng):
    "30, 50 and 100 levels of three crossed factors, each row drawn independently."
    n, sizes, sd = ROWS, dict(a=30, b=50, c=100), dict(a=0.8, b=0.5, c=0.3)
    data = pd.DataFrame({'x': rng.normal(size=n), **{k: rng.integers(0, L, n) for k, L in sizes.items()}})
    eta = sum(rng.normal(0, sd[k], L)[data[k].to_numpy()] for k, L in sizes.items())
    return data, eta, {f'sigma_alpha_{k}': sd[k] for k in sizes}


def sim_slopes(rng):
    "40 levels of a with correlated intercepts and slopes, crossed with 60 levels of b."
    n, A, B = ROWS, 40, 60
    sd_int, sd_x, rho, sd_b = 0.6, 0.4, -0.4, 0.5
    data = pd.DataFrame({'x': rng.normal(size=n), 'a': rng.integers(0, A, n), 'b': rng.integers(0, B, n)})
    covariance = np.array([[sd_int ** 2, rho * sd_int * sd_x], [rho * sd_int * sd_x, sd_x ** 2]])
    u_a = rng.multivariate_normal(np.zeros(2), covariance, A)
    a, x = data['a'].to_numpy(), data['x'].to_numpy()
    eta = u_a[a, 0] + u_a[a, 1] * x + rng.normal(0, sd_b, B)[data['b'].to_numpy()]
    return data, eta, {'sigma_alpha_a[Intercept]': sd_int, 'sigma_alpha_a[x]': sd_x, 'rho_alpha_a[Intercept,x]': rho,
                       'sigma_alpha_b': sd_b}


def sim_independent(rng):
    "50 levels of g with independent intercepts and slopes."
    n, G, sd_int, sd_x = ROWS, 50, 0.7, 0.4
    data = pd.DataFrame({'x': rng.normal(size=n), 'g': rng.integers(0, G, n)})
    g, x = data['g'].to_numpy(), data['x'].to_numpy()
    eta = rng.normal(0, sd_int, G)[g] + rng.normal(0, sd_x, G)[g] * x
    return data, eta, {'sigma_alpha[Intercept]': sd_int, 'sigma_alpha[x]': sd_x}


def sim_categorical(rng):
    "A text column k of 4 categories (k1 the reference) beside 50 levels of g."
    n, G, sd_g = ROWS, 50, 0.6
    effects = {'k1': 0.0, 'k2': 0.4, 'k3': -0.3, 'k4': 0.8}
    data = pd.DataFrame({'x': rng.normal(size=n), 'g': rng.integers(0, G, n),
                         'k': rng.choice(list(effects), n, p=[0.4, 0.3, 0.2, 0.1])})
    eta = rng.normal(0, sd_g, G)[data['g'].to_numpy()] + data['k'].map(effects).to_numpy()
    return data, eta, {'sigma_alpha': sd_g, **{f'beta[C(k)[{k}]]': v for k, v in effects.items() if k != 'k1'}}


STRUCTURES = {  # name: (formula's right-hand side, simulator, seed of its data)
    'nested': ('x + (1 | a/b/c)', sim_nested, 101),
    'crossed': ('x + (1 | a) + (1 | b) + (1 | c)', sim_crossed, 102),
    'slopes': ('x + (1 + x | a) + (1 | b)', sim_slopes, 103),
    'independent': ('x + (x || g)', sim_independent, 104),
    'categorical': ('x + C(k) + (1 | g)', sim_categorical, 105),
}


def simulated(structure: str, family: str):
    "Data with outcome y and the true value of every scalar, by the summary's names."
    _, simulator, seed = STRUCTURES[structure]
    rng = np.random.default_rng(seed)
    data, eta, truth = simulator(rng)
    eta = eta + INTERCEPT + SLOPE * data['x'].to_numpy()
    truth = {'beta[x]': SLOPE, 'gamma[Intercept]': INTERCEPT, **truth}
    if family == 'gaussian':
        data['y'] = eta + rng.normal(0, SIGMA_Y, len(data))
        truth['sigma_y'] = SIGMA_Y
    elif family == 'poisson': data['y'] = rng.poisson(np.exp(eta))
    else: data['y'] = (rng.random(len(data)) < expit(eta)).astype(int)
    return data, truth


def negative_binomial_crossed():
    """400 rows, 100 levels of a and 60 of b, each level of a inside exactly one level of b (written as crossed).
    Counts are Poisson given a Gamma(r, mean / r) rate: variance mean + mean^2 / r."""
    rng = np.random.default_rng(107)
    n, A, B, sd_a, sd_b, r = 400, 100, 60, 0.5, 0.4, 3.0
    b_of_a = np.concatenate([rng.permutation(B), rng.integers(0, B, A - B)])  # every b holds at least one a
    a = rng.permutation(np.repeat(np.arange(A), n // A))  # 4 rows per level of a
    data = pd.DataFrame({'x': rng.normal(size=n), 'a': a, 'b': b_of_a[a]})
    eta = 0.5 + 0.5 * data['x'].to_numpy() + rng.normal(0, sd_a, A)[a] + rng.normal(0, sd_b, B)[b_of_a[a]]
    mean = np.exp(eta)
    data['counts'] = rng.poisson(rng.gamma(r, mean / r))
    assert (data.groupby('a')['b'].nunique() == 1).all() and data['b'].nunique() == B
    return data, {'beta[x]': 0.5, 'gamma[Intercept]': 0.5, 'sigma_alpha_a': sd_a, 'sigma_alpha_b': sd_b, 'dispersion': r}


# ---------------------------------------------------------------- the models

def models():
    "name: (formula, family, data description, loader returning (data, truth or None), required ESS fraction)."
    table = {
        'radon-uranium': ('log_radon ~ floor + log_uranium + (1 | county)', 'gaussian', 'radon MN',
                          lambda notes: (radon_mn(notes), None), 0.30),
        'radon-slopes': ('log_radon ~ floor + (1 + floor | county)', 'gaussian', 'radon MN',
                         lambda notes: (radon_mn(notes), None), 0.20),
        'survey-slopes': ('log_radon ~ floor + log_uranium + (1 + floor | county) + (1 | state)', 'gaussian',
                          'radon all states', lambda notes: (radon_all(notes, ['log_radon', 'floor', 'log_uranium', 'county', 'state']), None), 0.10),
        'survey-nested': ('log_radon ~ floor + (1 | state/county)', 'gaussian', 'radon all states',
                          lambda notes: (radon_all(notes, ['log_radon', 'floor', 'county', 'state']), None), 0.30),
    }
    for family, prefix in [('gaussian', 'sim'), ('bernoulli', 'logit')]:
        for structure, (rhs, _, _) in STRUCTURES.items():
            table[f'{prefix}-{structure}'] = (f'y ~ {rhs}', family, f'simulated ({structure})',
                                              lambda notes, s=structure, f=family: simulated(s, f), 0.10)
    table['radon-above'] = ('above ~ floor + log_uranium + (1 | county)', 'bernoulli', 'radon MN, above = log_radon >= log 4',
                            lambda notes: (radon_mn(notes), None), 0.10)
    table['nb-crossed'] = ('counts ~ x + (1 | a) + (1 | b)', 'negative_binomial', 'simulated (each of 100 a inside one of 60 b, written crossed)',
                           lambda notes: negative_binomial_crossed(), 0.10)
    for structure, (rhs, _, _) in STRUCTURES.items():
        table[f'poisson-{structure}'] = (f'y ~ {rhs}', 'poisson', f'simulated ({structure})',
                                         lambda notes, s=structure: simulated(s, 'poisson'), 0.10)
    return table


# ---------------------------------------------------------------- one fit

def run(name, formula, family, data_name, load, required, draws, warmup, seed, backend='auto'):
    from hierbayes.chains import ConvergenceWarning
    from hierbayes import fit
    notes = []
    row = dict(name=name, formula=formula, family=family, data=data_name, required=required, draws=draws, warmup=warmup,
               chains=4, seed=seed, notes=notes)
    try:
        data, truth = load(notes)
        row['rows'] = len(data)
        begin = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', ConvergenceWarning)  # the table reports ESS and R-hat itself
            fitted = fit(formula, data, family=family, draws=draws, warmup=warmup, chains=4, seed=seed, backend=backend)
        row['seconds'] = time.perf_counter() - begin
        row['levels'] = {f.name: len(f.levels) for f in fitted.report.factors}
        summary = fitted.summary()
        row['end_to_end_seconds'] = time.perf_counter() - begin  # DataFrame in hand to the summary
        kept = 4 * draws
        ess, rhat = summary['ess_bulk'], summary['r_hat']
        row.update(min_ess=float(ess.min()), min_ess_parameter=str(ess.idxmin()), ess_percent=100 * float(ess.min()) / kept,
                   max_rhat=float(rhat.max()), max_rhat_parameter=str(rhat.idxmax()))
        row['passed'] = bool(ess.min() >= required * kept and rhat.max() <= RHAT_LIMIT)
        row['parameters'] = {p: dict(mean=float(summary.loc[p, 'mean']), sd=float(summary.loc[p, 'sd']),
                                     ess_bulk=float(ess[p]), r_hat=float(rhat[p])) for p in summary.index}
        if truth is not None:
            unmatched = sorted(set(summary.index) ^ set(truth))
            if unmatched: raise KeyError(f'true values and summary disagree on the parameters {unmatched}')
            z = ((summary['mean'] - pd.Series(truth)) / summary['sd']).abs()
            row.update(max_z=float(z.max()), max_z_parameter=str(z.idxmax()))
            for p in truth: row['parameters'][p].update(truth=truth[p], z=float(z[p]))
    except Exception as error:
        row['error'] = f'{type(error).__name__}: {error}'
        print(f'{formula} ({family}) raised:', file=sys.stderr)
        traceback.print_exc()
    return row


HEADER = ('| model | formula | family | data | rows | levels | seconds | min bulk ESS (parameter) | ESS % of draws '
          '| max R-hat | required % | result | recovery max abs z (parameter) |')


def cell(text) -> str:
    "Text for a markdown table cell: a bar, even inside a code span, would end the cell."
    return str(text).replace('|', '\\|').replace('\n', ' ')


def table_row(r):
    levels = ', '.join(f'{k} {v}' for k, v in r.get('levels', {}).items())
    start = f"| {r['name']} | `{cell(r['formula'])}` | {r['family']} | {cell(r['data'])} | {r.get('rows', '')} | {levels} "
    if 'error' in r:
        return start + f"| | error: {cell(r['error'])} | | | {100 * r['required']:.0f} | error | |"
    recovery = f"{r['max_z']:.2f} ({r['max_z_parameter']})" if 'max_z' in r else '-'
    return (start + f"| {r['seconds']:.1f} | {r['min_ess']:.0f} ({r['min_ess_parameter']}) | {r['ess_percent']:.1f} "
            f"| {r['max_rhat']:.3f} | {100 * r['required']:.0f} | {'pass' if r['passed'] else 'FAIL'} | {recovery} |")


def main():
    table = models()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--only', action='append', choices=list(table), metavar='NAME',
                        help=f'run only this model (repeatable): {", ".join(table)}')
    parser.add_argument('--quick', action='store_true', help='300 warmup + 300 draws per chain, to check that every model fits')
    parser.add_argument('--seed', type=int, default=1, help='seed of every fit (the simulated data have their own fixed seeds)')
    parser.add_argument('--backend', default='auto', choices=['auto', 'numpy'],
                        help="'auto': the engine hierbayes.fit chooses (compiled for every model but the Poisson); 'numpy': the general sweep's steps as chapter 87 writes them")
    parser.add_argument('--out', help='also write every result, with each scalar\'s mean, sd, ESS and R-hat, as JSON lines here (not overwritten)')
    args = parser.parse_args()
    draws = warmup = 300 if args.quick else 1000
    import hierbayes
    print(f'hierbayes {hierbayes.__version__}; hierbayes.fit (backend {args.backend!r}), 4 chains x ({warmup} warmup + {draws} draws), seed {args.seed}; '
          f'pass: min bulk ESS >= required % of {4 * draws} draws and every R-hat <= {RHAT_LIMIT}'
          + ('; QUICK RUN: not the standard length' if args.quick else ''))
    print()
    print(HEADER)
    print('|' + ' --- |' * HEADER.count(' | ') + ' --- |')
    results = []
    for name, (formula, family, data_name, load, required) in table.items():
        if args.only and name not in args.only: continue
        result = run(name, formula, family, data_name, load, required, draws, warmup, args.seed, args.backend)
        results.append(result)
        print(table_row(result), flush=True)
    print()
    for note in dict.fromkeys(n for r in results for n in r['notes']): print(f'- {note}')
    failed = [r['name'] for r in results if not r.get('passed')]
    total = sum(r.get('seconds', 0) for r in results)
    print(f'- {len(results) - len(failed)} of {len(results)} models pass; below the required ESS, above R-hat {RHAT_LIMIT} '
          f'or raising: {", ".join(failed) or "none"}; {total:.0f} s of fitting in all')
    if args.out:
        with open(args.out, 'x') as file: file.writelines(json.dumps(r) + '\n' for r in results)


if __name__ == '__main__':
    main()
