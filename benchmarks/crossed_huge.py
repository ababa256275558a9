"""Ten million rows of two crossed factors: a full posterior end to end, with the memory the fit allocates.

Usage: python benchmarks/crossed_huge.py [--rows 10000000] [--levels 100000 10000] [--runs 50,300] [--out huge.jsonl]

Each row's level of `a` (10^5 levels) and of `b` (10^4) is drawn uniformly, and y = 3 + 0.5 x + a + b + noise with sds
0.5, 0.3 and 1. The model is `y ~ x + (1 | a) + (1 | b)`, fitted with `hierbayes.fit` (4 chains, one seed, the group
effects' draws not kept) for each run length `warmup,draws`. One row per run: the engine the fit chose, seconds from
the DataFrame in hand to the summary, the sampling seconds, the minimum bulk ESS over the five scalars and which one,
the largest R-hat, the largest |posterior mean - truth| / posterior sd (the scales' truths are the simulated
effects' own sds), the input columns' size and the peak the fit allocates (numpy reports its allocations to
tracemalloc). The machine should be otherwise idle.
"""
import argparse, time, tracemalloc
import numpy as np
import pandas as pd

from output import print_table, refuse_existing, write_rows

SDS, SIGMA_Y, INTERCEPT, SLOPE = (0.5, 0.3), 1.0, 3.0, 0.5
FORMULA = 'y ~ x + (1 | a) + (1 | b)'


def simulate(rows: int, levels: tuple, seed: int) -> tuple[pd.DataFrame, dict]:
    "The rows, and the truth of each scalar."
    rng = np.random.default_rng(seed)
    codes = [rng.integers(0, L, rows).astype(np.int32) for L in levels]
    effects = [rng.normal(0, sd, L) for sd, L in zip(SDS, levels)]
    x = rng.normal(size=rows)
    y = INTERCEPT + SLOPE * x + effects[0][codes[0]] + effects[1][codes[1]] + rng.normal(0, SIGMA_Y, rows)
    data = pd.DataFrame({'y': y, 'x': x} | {name: pd.Categorical.from_codes(c, categories=pd.RangeIndex(L))
                                            for name, c, L in zip('ab', codes, levels)})
    truth = {'gamma[Intercept]': INTERCEPT, 'beta[x]': SLOPE, 'sigma_y': SIGMA_Y} | \
            {f'sigma_alpha_{name}': float(e[np.unique(c)].std()) for name, e, c in zip('ab', effects, codes)}
    return data, truth


def run(data: pd.DataFrame, truth: dict, warmup: int, draws: int, seed: int) -> dict:
    import hierbayes
    tracemalloc.start()
    start = time.perf_counter()
    fit = hierbayes.fit(FORMULA, data, warmup=warmup, draws=draws, seed=seed, keep_alpha=False, progress=False)
    table = fit.summary()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
    tracemalloc.stop()
    worst = table['ess_bulk'].idxmin()
    error = max(abs(table.loc[name, 'mean'] - value) / table.loc[name, 'sd'] for name, value in truth.items())
    return dict(rows=len(data), engine=type(fit.engine).__name__, warmup=warmup, draws=draws, seconds=round(seconds, 2),
                sampling_seconds=round(fit.timings['sampling_seconds'], 2), min_ess=int(table['ess_bulk'].min()), worst=worst,
                max_rhat=round(float(table['r_hat'].max()), 4), max_error_sd=round(float(error), 2),
                input_mb=round(data.memory_usage(index=False).sum() / 2 ** 20), fit_peak_allocated_mb=round(peak))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rows', type=int, default=10 ** 7)
    parser.add_argument('--levels', type=int, nargs=2, default=[10 ** 5, 10 ** 4])
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument("--runs", nargs="+", default=["50,300"], help='warmup,draws per chain')
    parser.add_argument('--out', default=None, help='also write the rows as JSON lines here (not overwritten)')
    args = parser.parse_args()
    refuse_existing(args.out)
    import hierbayes
    data, truth = simulate(args.rows, tuple(args.levels), args.seed)
    print(f'{len(data):,} rows; {args.levels[0]:,} x {args.levels[1]:,} crossed levels; {FORMULA}')
    small, _ = simulate(2000, (50, 20), 0)
    hierbayes.fit(FORMULA, small, warmup=20, draws=20, seed=0, progress=False)  # the compiled sweeps loaded before any timing
    rows = [run(data, truth, *map(int, spec.split(',')), args.seed) for spec in args.runs]
    print()
    print_table(rows, {'engine': 'engine', 'warmup': 'warmup', 'draws': 'draws', 'seconds': 'seconds', 'sampling': 'sampling_seconds',
                       'min bulk ESS': 'min_ess', 'of': 'worst', 'max R-hat': 'max_rhat', 'max abs(mean - truth) / sd': 'max_error_sd',
                       'input MB': 'input_mb', 'fit peak MB': 'fit_peak_allocated_mb'})
    if args.out: write_rows(args.out, rows)


if __name__ == '__main__':
    import warnings
    warnings.simplefilter('ignore')  # the short runs' convergence notes; the table reports ESS and R-hat itself
    main()
