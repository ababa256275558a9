"""hierbayes's side of the benchmark: one timed fit of a Minnesota radon model per process, as peers.py times the NUTS tools.

Usage: python benchmarks/hierbayes_run.py {floor,uranium,survey,logistic} --seed N [--draws D] [--warmup W]
Run it in the package's own environment (the README's install). Prints one JSON line on stdout, with the fields of peers.py.
"""
import argparse, json, resource, time

FORMULAS = {'floor': 'log_radon ~ floor + (1 | county)', 'uranium': 'log_radon ~ floor + log_uranium + (1 | county)',
            'survey': 'log_radon ~ floor + (1 | state/county)',  # survey: all states, three levels, 8,000 draws
            'logistic': 'above ~ floor + log_uranium + (1 | county)'}  # above: activity >= 4 pCi/L, the EPA action level
SCALARS = {'floor': ['beta', 'gamma', 'sigma_y', 'sigma_alpha'], 'uranium': ['beta', 'gamma', 'sigma_y', 'sigma_alpha'],
           'survey': ['beta', 'gamma', 'sigma_y', 'sigma_alpha_state', 'sigma_alpha_state:county'], 'logistic': ['beta', 'gamma', 'sigma_alpha']}
FAMILIES = {'logistic': 'bernoulli'}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('model', choices=FORMULAS)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--draws', type=int, help='kept draws per chain (4 chains); default 5000, 2000 for survey')
    parser.add_argument('--warmup', type=int, default=1000)
    args = parser.parse_args()
    begin = time.perf_counter()
    import hierbayes  # numpy, pandas, formulae, ArviZ, numba: the imports, timed apart as peers.py does
    import_seconds = time.perf_counter() - begin
    radon = hierbayes.load_radon('all', drop_unknown_floor=True) if args.model == 'survey' else hierbayes.load_radon()
    radon['above'] = (radon['activity'] >= 4).astype(int)
    args.draws = args.draws or (2000 if args.model == 'survey' else 5000)
    start = time.perf_counter()  # the DataFrame in hand: from here to the summary is end to end
    fitted = hierbayes.fit(FORMULAS[args.model], radon, draws=args.draws, warmup=args.warmup, chains=4, seed=args.seed,
                           progress=False, family=FAMILIES.get(args.model, 'gaussian'))
    sampled = time.perf_counter()
    summary = fitted.summary(var_names=SCALARS[args.model])
    end = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    min_ess = float(summary['ess_bulk'].min())
    print(json.dumps(dict(
        tool='hierbayes', model=args.model, seed=args.seed,
        parameterisation='Polya-Gamma Gibbs, sigma_alpha collapsed' if args.model == 'logistic' else 'blocked Gibbs, interweaving for sigma_alpha',
        chains=4, warmup=args.warmup, draws=args.draws, import_seconds=import_seconds,
        end_to_end_seconds=end - start, end_to_end_with_imports_seconds=end - begin,
        fit_seconds=sampled - start,  # reading the formula, sufficient statistics, compiling or loading the sweep, sampling, checks
        compile_seconds=fitted.timings.get('compile_seconds', 0.0),  # numba: compiling on a first run, loading its cache after
        sampling_seconds=fitted.timings['sampling_seconds'],  # the chains alone, as nutpie's sampling time
        min_bulk_ess=min_ess, min_tail_ess=float(summary['ess_tail'].min()), max_rhat=float(summary['r_hat'].max()),
        divergences=0, peak_memory_mb=usage, ess_per_second_end_to_end=min_ess / (end - start),
        ess_per_second_sampling=min_ess / fitted.timings['sampling_seconds'], means=summary['mean'].round(4).to_dict(),
        priors="Gelman & Hill's: flat on coefficients, uniform on the scales")))


if __name__ == '__main__':
    main()
