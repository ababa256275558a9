"""How the cost of hierbayes grows with rows and groups: simulated varying-intercept data with 3 predictors.

Usage: python benchmarks/scaling.py [--out scaling.jsonl]
For each size it times the reduction to sufficient statistics (once per fit, linear in the rows) and the compiled
sweep (per sweep, which never sees the rows), and runs full fits: 10^6 rows in 10^4 groups, and
10^7 rows in 10^5 groups, 4 chains x (1,000 warmup + 1,000 draws), end to end with peak memory.
"""
import argparse, json, resource, sys, time, tracemalloc
import numpy as np
import pandas as pd


def simulate(rows, groups, seed=0):
    "A DataFrame of simulated varying-intercept data: y, three predictors, and a group label."
    rng = np.random.default_rng(seed)
    group = rng.integers(0, groups, rows)
    X = rng.normal(size=(rows, 3))
    alpha = 1.0 + 0.5 * rng.normal(size=groups)
    y = alpha[group] + X @ np.array([0.3, -0.2, 0.1]) + rng.normal(size=rows)
    return pd.DataFrame({'y': y, 'x1': X[:, 0], 'x2': X[:, 1], 'x3': X[:, 2], 'group': group})


def sweep_cost(rows, groups):
    "Seconds to reduce the rows to sufficient statistics, and seconds per compiled sweep (one chain)."
    from hierbayes.fast import chain_streams, compile_kernel, run_chains_compiled
    from hierbayes.gibbs import State, grouped_data
    data = simulate(rows, groups)
    begin = time.perf_counter()
    stats = grouped_data(data['y'].to_numpy(), data[['x1', 'x2', 'x3']].to_numpy(), data['group'].to_numpy(), np.ones((groups, 1)))
    reduce_seconds = time.perf_counter() - begin
    compile_kernel()
    sweeps = max(20, min(2000, 2_000_000 // groups))
    start = State(np.zeros(groups), np.zeros(3), np.zeros(1), 1.0, 0.5)
    begin = time.perf_counter()
    run_chains_compiled([chain_streams(np.random.default_rng(1))], stats, [start], sweeps, 1, 1)
    return dict(kind='sweep', rows=rows, groups=groups, reduce_seconds=reduce_seconds,
                seconds_per_sweep=(time.perf_counter() - begin) / (sweeps + 1))


def full_fit(rows, groups):
    """An end-to-end fit: DataFrame in hand to summary of the scalars, with the peak memory the fit allocates
    (numpy reports its allocations to tracemalloc). With more than 10^4 groups the intercepts' draws are not kept."""
    import hierbayes
    from hierbayes.fast import compile_kernel
    compile_kernel()  # load the compiled sweep before counting memory
    data = simulate(rows, groups)
    input_mb = data.memory_usage(index=False).sum() / 2 ** 20
    tracemalloc.start()
    begin = time.perf_counter()
    fitted = hierbayes.fit('y ~ x1 + x2 + x3 + (1 | group)', data, draws=1000, warmup=1000, chains=4, seed=1, progress=False,
                           keep_alpha=groups <= 10 ** 4)
    summary = fitted.summary(var_names=['beta', 'gamma', 'sigma_y', 'sigma_alpha'])
    seconds = time.perf_counter() - begin
    fit_peak_mb = tracemalloc.get_traced_memory()[1] / 2 ** 20
    tracemalloc.stop()
    return dict(kind='fit', rows=rows, groups=groups, end_to_end_seconds=seconds, sampling_seconds=fitted.timings['sampling_seconds'],
                min_bulk_ess=float(summary['ess_bulk'].min()), max_rhat=float(summary['r_hat'].max()), input_mb=input_mb,
                fit_peak_allocated_mb=fit_peak_mb, keep_alpha=groups <= 10 ** 4,
                process_peak_memory_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--out', help='also write every result as a JSON line here (not overwritten)')
    parser.add_argument('--fit', nargs=2, type=int, metavar=('ROWS', 'GROUPS'), help='run only this full fit')
    args = parser.parse_args()
    if args.fit: results = [full_fit(*args.fit)]
    else:
        results = [sweep_cost(rows, 1000) for rows in [10 ** 4, 10 ** 5, 10 ** 6, 10 ** 7]]
        results += [sweep_cost(10 ** 6, groups) for groups in [10 ** 2, 10 ** 3, 10 ** 4, 10 ** 5]]
    for result in results: print(json.dumps(result))
    if args.out:
        with open(args.out, 'x') as file: file.writelines(json.dumps(r) + '\n' for r in results)


if __name__ == '__main__':
    main()
