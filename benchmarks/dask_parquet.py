"""hierbayes on data that do not fit comfortably in one process: 10^8 simulated rows as a folder of Parquet files,
fitted through a Dask DataFrame on a local dask.distributed cluster, with the client's peak memory.

Usage: python benchmarks/dask_parquet.py FOLDER [--rows 100000000] [--groups 10000] [--out result.jsonl]
FOLDER is created and filled (about 4 GB for 10^8 rows) unless it already holds the Parquet files; it is never
overwritten. Needs the [dask] extra.
"""
import argparse, json, resource, time
from pathlib import Path
import numpy as np
import pandas as pd

PER_FILE = 5_000_000


def write(folder: Path, rows: int, groups: int, seed: int = 0):
    "Simulated varying-intercept data, 3 predictors, written a file at a time (memory: one file)."
    folder.mkdir(parents=True)
    rng = np.random.default_rng(seed)
    alpha = 1.0 + 0.5 * rng.normal(size=groups)
    for k, start in enumerate(range(0, rows, PER_FILE)):
        n = min(PER_FILE, rows - start)
        group = rng.integers(0, groups, n)
        X = rng.normal(size=(n, 3))
        y = alpha[group] + X @ np.array([0.3, -0.2, 0.1]) + rng.normal(size=n)
        pd.DataFrame({'y': y, 'x1': X[:, 0], 'x2': X[:, 1], 'x3': X[:, 2], 'group': group}).to_parquet(folder / f'part-{k:04d}.parquet')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('folder', type=Path)
    parser.add_argument('--rows', type=int, default=10 ** 8)
    parser.add_argument('--groups', type=int, default=10 ** 4)
    parser.add_argument('--out', type=Path)
    args = parser.parse_args()
    begin = time.perf_counter()
    if not args.folder.exists(): write(args.folder, args.rows, args.groups)
    written = time.perf_counter() - begin
    import dask.dataframe as dd
    from distributed import Client, LocalCluster
    import hierbayes
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        start = time.perf_counter()
        data = dd.read_parquet(args.folder)
        fitted = hierbayes.fit('y ~ x1 + x2 + x3 + (1 | group)', data, draws=1000, warmup=1000, chains=4, seed=1,
                               progress=False, keep_alpha=args.groups <= 10 ** 4)
        summary = fitted.summary(var_names=['beta', 'gamma', 'sigma_y', 'sigma_alpha'])
        seconds = time.perf_counter() - start
    result = dict(kind='dask', rows=int(fitted.data.n.sum()), groups=len(fitted.labels.groups), files=len(list(args.folder.glob('*.parquet'))),
                  write_seconds=written, end_to_end_seconds=seconds, sampling_seconds=fitted.timings['sampling_seconds'],
                  min_bulk_ess=float(summary['ess_bulk'].min()), max_rhat=float(summary['r_hat'].max()),
                  means=summary['mean'].round(4).to_dict(), parquet_mb=sum(f.stat().st_size for f in args.folder.glob('*.parquet')) / 2 ** 20,
                  input_columns_mb=int(fitted.data.n.sum()) * 5 * 8 / 2 ** 20,
                  client_peak_memory_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))
    if args.out:
        with open(args.out, 'x') as file: file.write(json.dumps(result) + '\n')


if __name__ == '__main__':
    main()
