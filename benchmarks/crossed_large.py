"""Large crossed data: a full posterior of three crossed factors at the size of a university's course evaluations.

Usage: python benchmarks/crossed_large.py [--rows 73421] [--seed 1] [--runs 100,300 150,350 1000,1000] [--out crossed.jsonl]

The data are simulated at the size of lme4's `InstEval` (73,421 ratings by 2,972 students of 1,128 lecturers):
each rating's student is drawn uniformly, its lecturer with a log-normal popularity, and a third factor of 30 levels
(the term the course ran in, say) uniformly; y = 3 + student + lecturer + term + noise, with sds 0.3, 0.4, 0.1 and
1.2. The model is `y ~ 1 + (1 | s) + (1 | d) + (1 | t)`, fitted with `hierbayes.fit` (4 chains, one seed) for each
run length `warmup,draws`. One row per run: seconds from the DataFrame in hand to the summary, the minimum bulk ESS
over the five scalars and which one, the largest R-hat, ESS per second, and the largest |posterior mean - truth| /
posterior sd over the scalars (the scales' truths are the simulated effects' own sds). The first line says which
sampler the fit chooses and how it blocks the coefficients. The machine should be otherwise idle.
"""
import argparse, time
import numpy as np
import pandas as pd

from output import print_table, refuse_existing, write_rows

STUDENTS, LECTURERS, TERMS = 2972, 1128, 30
SDS = dict(s=0.3, d=0.4, t=0.1)
SIGMA_Y, INTERCEPT = 1.2, 3.0
FORMULA = 'y ~ 1 + (1 | s) + (1 | d) + (1 | t)'


def simulate(rows: int, seed: int) -> tuple[pd.DataFrame, dict]:
    "The ratings, and the truth of each scalar (each scale's truth is its simulated effects' sd)."
    rng = np.random.default_rng(seed)
    popularity = rng.lognormal(0, 1, LECTURERS)
    codes = dict(s=rng.integers(0, STUDENTS, rows), d=rng.choice(LECTURERS, rows, p=popularity / popularity.sum()),
                 t=rng.integers(0, TERMS, rows))
    effects = {name: rng.normal(0, SDS[name], n) for name, n in zip('sdt', (STUDENTS, LECTURERS, TERMS))}
    y = INTERCEPT + sum(effects[name][codes[name]] for name in 'sdt') + rng.normal(0, SIGMA_Y, rows)
    data = pd.DataFrame({'y': y} | {name: pd.Categorical(codes[name].astype(str)) for name in 'sdt'})
    truth = {'gamma[Intercept]': INTERCEPT, 'sigma_y': SIGMA_Y} | \
            {f'sigma_alpha_{name}': float(effects[name][np.unique(codes[name])].std()) for name in 'sdt'}
    return data, truth


def blocking(data: pd.DataFrame) -> str:
    "Which sampler the fit chooses, and how it draws the coefficients."
    from hierbayes.model import read_model
    from hierbayes.result import _crossed
    from hierbayes.sweep import problem_of
    model = read_model(FORMULA, data)
    if _crossed(model): return 'the crossed sweep (chapter 87c): each factor drawn with the intercept, from per-level sums and crossings'
    problem = problem_of(model, centre=True)[0]
    if not problem.blocks: return 'the general sweep: one joint draw of all coefficients'
    where = problem.where
    def terms(order): return [model.terms[t].factor for t in range(len(where.offsets)) if where.offsets[t] in set(order.tolist())]
    return 'the general sweep in blocks: ' + '; '.join(f'{" + ".join(terms(order))} with the intercept ({len(order)} coefficients)'
                                                      for order in problem.blocks)


def run(data: pd.DataFrame, truth: dict, warmup: int, draws: int, seed: int) -> dict:
    import hierbayes
    start = time.perf_counter()
    fit = hierbayes.fit(FORMULA, data, warmup=warmup, draws=draws, seed=seed, keep_alpha=False)
    table = fit.summary()
    seconds = time.perf_counter() - start
    worst = table['ess_bulk'].idxmin()
    error = max(abs(table.loc[name, 'mean'] - value) / table.loc[name, 'sd'] for name, value in truth.items())
    return dict(warmup=warmup, draws=draws, seconds=round(seconds, 2), min_ess=int(table['ess_bulk'].min()), worst=worst,
                max_rhat=round(float(table['r_hat'].max()), 4), ess_per_second=round(float(table['ess_bulk'].min()) / seconds, 1),
                max_error_sd=round(float(error), 2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rows', type=int, default=73421)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument("--runs", nargs="+", default=["100,300", "150,350", "1000,1000"], help='warmup,draws per chain')
    parser.add_argument('--out', default=None, help='also write the rows as JSON lines here (not overwritten)')
    args = parser.parse_args()
    refuse_existing(args.out)
    import hierbayes
    from hierbayes.crossings import compile_crossed
    compile_crossed()  # the compiled sweep loaded (or compiled) before any timing
    data, truth = simulate(args.rows, args.seed)
    print(f'{len(data):,} rows; {STUDENTS:,} students x {LECTURERS:,} lecturers x {TERMS} terms; {FORMULA}')
    print(blocking(data))
    hierbayes.fit(FORMULA, data.iloc[:2000], warmup=20, draws=20, seed=0, keep_alpha=False)  # warm the process
    rows = [run(data, truth, *map(int, spec.split(',')), args.seed) for spec in args.runs]
    print()
    print_table(rows, {'warmup': 'warmup', 'draws': 'draws', 'seconds': 'seconds', 'min bulk ESS': 'min_ess', 'of': 'worst', 'max R-hat': 'max_rhat',
                       'ESS per second': 'ess_per_second', 'max abs(mean - truth) / sd': 'max_error_sd'})
    if args.out: write_rows(args.out, rows)


if __name__ == '__main__':
    import warnings
    warnings.simplefilter('ignore')  # the short runs' convergence notes; the table reports ESS and R-hat itself
    main()
