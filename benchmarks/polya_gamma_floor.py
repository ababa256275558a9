"""The least time a logistic fit can take: its Pólya-Gamma draws alone, against the whole fit.

Usage: python benchmarks/polya_gamma_floor.py [--only NAME ...] [--out floor.jsonl]

Every Gibbs sweep of a Bernoulli or binomial model draws one PG(trials, z) variable per cell (chapter 84), z being the
cell's linear predictor. For each simulated Bernoulli model of `models.py` (a continuous predictor,
so no two rows share a cell and every sweep draws one PG(1, z) per row), this fits the model at the defaults (4 chains x
(1,000 warmup + 1,000 draws)), then times compiled loops that draw those variables alone, 2,000 sweeps of them at one
posterior draw's linear predictor, with `hierbayes.glm_fast.polya_gamma` (the package's C sampler). The table shows
the rows, the nanoseconds per draw, the seconds all chains' draws take on this machine's cores (chains split evenly
over them), the fit's seconds, and the share of the fit those draws are. The machine should be otherwise idle.
"""
import argparse, os, sys, time, warnings
from pathlib import Path
import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import models as M
from output import print_table, refuse_existing, write_rows


def draws_alone(eta: np.ndarray, sweeps: int, seed: int) -> float:
    "Seconds for `sweeps` sweeps of PG(1, eta) draws, one per row, after a compiling call."
    import numba
    from hierbayes.glm_fast import polya_gamma
    @numba.njit
    def loop(rng, eta, sweeps):
        total = 0.0
        for _ in range(sweeps):
            for z in eta: total += polya_gamma(rng, 1.0, z)
        return total
    rng = np.random.default_rng(seed)
    loop(rng, eta, 1)
    start = time.perf_counter()
    loop(rng, eta, sweeps)
    return time.perf_counter() - start


def measure(name: str, seed: int) -> dict:
    import hierbayes
    formula, family, _, load, _ = M.models()[name]
    data, _ = load([])
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        hierbayes.fit(formula, data, family=family, draws=20, warmup=20, seed=seed)  # compiled code loaded
        start = time.perf_counter()
        fit = hierbayes.fit(formula, data, family=family, seed=seed)
        seconds = time.perf_counter() - start
    links = np.asarray(fit.predict(data, kind='link'))  # (chain, draw, row)
    eta = np.ascontiguousarray(links[0, -1], float)  # chain 0's last draw
    sweeps, chains = 2000, links.shape[0]
    cores = min(chains, os.cpu_count() or 1)
    alone = draws_alone(eta, sweeps, seed)
    floor = alone * chains / cores
    return dict(name=name, formula=formula, rows=len(eta), ns_per_draw=1e9 * alone / (sweeps * len(eta)),
                draws_seconds=floor, fit_seconds=seconds, share=floor / seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--only', nargs='*')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--out')
    args = parser.parse_args()
    refuse_existing(args.out)
    names = args.only or [n for n, spec in M.models().items() if spec[1] == 'bernoulli' and n.startswith('logit-')]
    rows = [measure(n, args.seed) for n in names]
    print_table(rows, {'model': 'name', 'rows': 'rows', 'ns per PG(1, z) draw': lambda r: f"{r['ns_per_draw']:.0f}",
                       'PG draws alone, s': lambda r: f"{r['draws_seconds']:.2f}", 'whole fit, s': lambda r: f"{r['fit_seconds']:.2f}",
                       'share': lambda r: f"{r['share']:.0%}"})
    if args.out: write_rows(args.out, rows)


if __name__ == '__main__':
    main()
