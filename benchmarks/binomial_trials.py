"""Binomial outcomes with many trials a row: does a fit's cost follow the number of trials?

Usage: python benchmarks/binomial_trials.py [--rows 2000] [--groups 100] [--trials 1 4 10 100 1000 10000 100000 1000000] [--out trials.jsonl]

Simulated binomial data, `k ~ x + (1 | g)` (a two-level model) and `k ~ x + (1 | g) + (1 | h)` (crossed, 20 levels of
h), with the same rows and linear predictor and m trials in every row, for each m given. Each model is fitted with
`hierbayes.fit` at the defaults (4 chains, 1,000 + 1,000 sweeps, one seed), from the DataFrame in hand to the summary.
One row per (model, m): the engine that ran, seconds, the minimum bulk ESS, ESS per second, and the seconds as a
multiple of the same model's with one trial a row. The machine should be otherwise idle.
"""
import argparse, json, time
import numpy as np
import pandas as pd

MODELS = {'two-level': 'k ~ x + (1 | g)', 'crossed': 'k ~ x + (1 | g) + (1 | h)'}


def simulate(rows: int, groups: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    "The rows' predictors and each row's success probability."
    rng = np.random.default_rng(seed)
    g, h, x = rng.integers(0, groups, rows), rng.integers(0, 20, rows), rng.normal(size=rows)
    eta = -0.5 + 0.3 * x + rng.normal(0, 0.5, groups)[g] + rng.normal(0, 0.3, 20)[h]
    return pd.DataFrame(dict(x=x, g=g.astype(str), h=h.astype(str))), 1 / (1 + np.exp(-eta))


def run(formula: str, data: pd.DataFrame, seed: int) -> dict:
    import hierbayes
    start = time.perf_counter()
    fit = hierbayes.fit(formula, data, family='binomial', trials='m', seed=seed)
    table = fit.summary()
    seconds = time.perf_counter() - start
    engine = type(fit.engine).__name__ + (' (compiled steps)' if getattr(fit.engine, 'compiled', False) else '')
    return dict(seconds=round(seconds, 2), engine=engine, min_ess=int(table['ess_bulk'].min()),
                max_rhat=round(float(table['r_hat'].max()), 4), ess_per_second=round(float(table['ess_bulk'].min()) / seconds, 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rows', type=int, default=2000)
    parser.add_argument('--groups', type=int, default=100)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--trials', type=int, nargs='+', default=[1, 4, 10, 100, 1000, 10 ** 4, 10 ** 5, 10 ** 6])
    parser.add_argument('--out', default=None, help='also write the rows as JSON lines here (a new file)')
    args = parser.parse_args()
    if args.out:
        open(args.out, 'x').close()  # refuse to overwrite a file that exists
    import hierbayes
    frame, p = simulate(args.rows, args.groups, args.seed)
    rng, rows = np.random.default_rng(args.seed + 1), []
    for m in args.trials:
        data = frame.assign(m=m, k=rng.binomial(m, p))
        for name, formula in MODELS.items():
            hierbayes.fit(formula, data.iloc[:300], family='binomial', trials='m', warmup=10, draws=10, seed=0)  # compiled and warm
            rows.append(dict(model=name, trials=m) | run(formula, data, args.seed))
    print(f'{args.rows:,} rows, {args.groups} groups (and 20 crossed levels); m trials in every row; 4 chains, 1,000 + 1,000 sweeps')
    print()
    print('| model | trials a row | engine | seconds | x one trial | min bulk ESS | max R-hat | ESS per second |')
    print('| --- | --- | --- | --- | --- | --- | --- | --- |')
    for r in rows:
        base = next(b['seconds'] for b in rows if b['model'] == r['model'] and b['trials'] == args.trials[0])
        r['ratio'] = round(r['seconds'] / base, 2)
        print(f"| {r['model']} | {r['trials']:,} | {r['engine']} | {r['seconds']} | {r['ratio']} | {r['min_ess']} | {r['max_rhat']} | {r['ess_per_second']} |")
    if args.out:
        with open(args.out, 'w') as out:
            for r in rows: out.write(json.dumps(r) + '\n')


if __name__ == '__main__':
    import warnings
    warnings.simplefilter('ignore')  # convergence notes; the table reports ESS and R-hat itself
    main()
