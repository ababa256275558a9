"""Peer benchmarks for hierbayes: NUTS (PyMC, nutpie, NumPyro) on the Minnesota radon models, one timed run per process.

Usage: python benchmarks/peers.py {pymc,nutpie,numpyro} {floor,uranium,logistic} --seed N
Prints one JSON line on stdout. Run it in the bench venv (benchmarks/README.md), never in the package's own venv.
"""
import argparse, json, os, resource, sys, time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHAINS, TUNE, DRAWS = 4, 1000, 1000
SCALARS = {'floor': ['mu_alpha', 'beta', 'sigma_y', 'sigma_alpha'],
           'uranium': ['gamma_0', 'gamma_1', 'beta', 'sigma_y', 'sigma_alpha'],
           'logistic': ['gamma_0', 'gamma_1', 'beta', 'sigma_alpha']}
# Centred for 'floor' (what hierbayes's Gibbs sampler samples, and PyMC's radon notebook's hierarchical intercept);
# non-centred for 'uranium' (PyMC's radon notebook does so there to avoid divergences).
PARAMETERISATION = {'floor': 'centred', 'uranium': 'non-centred', 'logistic': 'non-centred'}
# 'logistic': above ~ floor + log_uranium + (1 | county), above = activity >= 4 pCi/L (the EPA action level), logit link.
# hierbayes's default (Gelman & Hill's) priors are flat on the coefficients and uniform on (0, inf) on the two scales.
# NUTS tools need a proper prior, so the peers use wide proper ones instead: N(0, 10) and Uniform(0, 100).
PRIORS = ('peers: mu_alpha/gamma, beta ~ N(0, 10); sigma_y, sigma_alpha ~ Uniform(0, 100). '
          'hierbayes default: flat on coefficients, uniform on (0, inf) for the scales: the peers are proper approximations')


def load_data():
    "The radon data exactly as hierbayes loads it (Gelman & Hill's transform), read from the repo's source without installing it."
    sys.dont_write_bytecode = True  # leave no __pycache__ in the repo another engineer is editing
    sys.path.insert(0, str(REPO))
    import numpy as np, pandas as pd
    from hierbayes.data import load_radon
    radon = load_radon()
    county, names = pd.factorize(radon['county'], sort=True)
    log_uranium = radon.groupby('county', sort=True)['log_uranium'].first().loc[names].to_numpy()
    return dict(county=county.astype('int64'), floor=radon['floor'].to_numpy(float), y=radon['log_radon'].to_numpy(float),
                u=log_uranium, J=len(names), above=(radon['activity'] >= 4).to_numpy('int64'))


def pymc_model(d, model):
    import pymc as pm
    with pm.Model() as m:
        beta = pm.Normal('beta', 0, 10)
        sigma_y = None if model == 'logistic' else pm.Uniform('sigma_y', 0, 100)
        sigma_alpha = pm.Uniform('sigma_alpha', 0, 100)
        if model == 'floor':
            mu_alpha = pm.Normal('mu_alpha', 0, 10)
            alpha = pm.Normal('alpha', mu_alpha, sigma_alpha, shape=d['J'])
        else:
            gamma_0, gamma_1 = pm.Normal('gamma_0', 0, 10), pm.Normal('gamma_1', 0, 10)
            z = pm.Normal('z', 0, 1, shape=d['J'])
            alpha = pm.Deterministic('alpha', gamma_0 + gamma_1 * d['u'] + sigma_alpha * z)
        if model == 'logistic':
            pm.Bernoulli('above', logit_p=alpha[d['county']] + beta * d['floor'], observed=d['above'])
        else:
            pm.Normal('y', alpha[d['county']] + beta * d['floor'], sigma_y, observed=d['y'])
    return m


def numpyro_model(d, model):
    import numpyro, numpyro.distributions as dist
    def fn(county, floor, u, y):
        beta = numpyro.sample('beta', dist.Normal(0, 10))
        sigma_y = None if model == 'logistic' else numpyro.sample('sigma_y', dist.Uniform(0, 100))
        sigma_alpha = numpyro.sample('sigma_alpha', dist.Uniform(0, 100))
        if model == 'floor':
            mu_alpha = numpyro.sample('mu_alpha', dist.Normal(0, 10))
            with numpyro.plate('county', d['J']):
                alpha = numpyro.sample('alpha', dist.Normal(mu_alpha, sigma_alpha))
        else:
            gamma_0 = numpyro.sample('gamma_0', dist.Normal(0, 10))
            gamma_1 = numpyro.sample('gamma_1', dist.Normal(0, 10))
            with numpyro.plate('county', d['J']):
                z = numpyro.sample('z', dist.Normal(0, 1))
            alpha = numpyro.deterministic('alpha', gamma_0 + gamma_1 * u + sigma_alpha * z)
        with numpyro.plate('house', len(y)):
            if model == 'logistic':
                numpyro.sample('above', dist.Bernoulli(logits=alpha[county] + beta * floor), obs=d['above'])
            else:
                numpyro.sample('y', dist.Normal(alpha[county] + beta * floor, sigma_y), obs=y)
    return fn


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('tool', choices=['pymc', 'nutpie', 'numpyro'])
    p.add_argument('model', choices=list(SCALARS))
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--numpyro-chain-method', default='parallel', choices=['parallel', 'sequential', 'vectorized'])
    a = p.parse_args()
    stdout, sys.stdout = sys.stdout, sys.stderr  # anything the tools print goes to stderr: stdout carries the one JSON line
    tl = time.perf_counter()
    d = load_data()  # hierbayes's import pulls in numpy, pandas, arviz, formulae, matplotlib: not counted as tool imports
    out = dict(tool=a.tool, model=a.model, parameterisation=PARAMETERISATION[a.model], seed=a.seed,
               chains=CHAINS, tune=TUNE, draws=DRAWS, priors=PRIORS,
               data_seconds=time.perf_counter() - tl)  # importing hierbayes and loading the DataFrame: not in any total

    t0 = time.perf_counter()  # the DataFrame is in hand: imports of the tool start here
    if a.tool == 'numpyro':
        # One XLA CPU device per chain, set before jax starts its backend: with fewer devices than chains NumPyro
        # silently falls back to sequential chains. 4 devices share the 2 cores.
        os.environ['XLA_FLAGS'] = f'--xla_force_host_platform_device_count={CHAINS}'
        import jax, numpyro
        from numpyro.infer import MCMC, NUTS
        numpyro.enable_x64()  # float64 like PyMC, nutpie and hierbayes (JAX defaults to float32)
    else:
        import pymc as pm
        if a.tool == 'nutpie': import nutpie
    import arviz as az
    t1 = time.perf_counter()
    out['import_seconds'] = t1 - t0

    if a.tool == 'pymc':
        cores = min(4, os.cpu_count())  # PyMC's own default, written out so it can be recorded
        with pymc_model(d, a.model):
            ts = time.perf_counter()
            idata = pm.sample(draws=DRAWS, tune=TUNE, chains=CHAINS, cores=cores, random_seed=a.seed,
                              progressbar=False, compute_convergence_checks=False)
            out['sample_call_seconds'] = time.perf_counter() - ts  # includes pytensor compilation and NUTS init
        # PyMC times its sampling loop itself, after the logp/gradient functions are compiled
        out['sampling_seconds'] = float(idata.sample_stats.attrs['sampling_time'])
        out['compile_included_in_sampling'] = False
        out['parallelism'] = f'{cores} worker processes (pm.sample default cores=min(4, cpu_count))'
        out['versions'] = dict(pymc=pm.__version__, arviz=az.__version__)
    elif a.tool == 'nutpie':
        tc = time.perf_counter()
        compiled = nutpie.compile_pymc_model(pymc_model(d, a.model))  # default backend: numba
        out['compile_seconds'] = time.perf_counter() - tc
        ts = time.perf_counter()
        idata = nutpie.sample(compiled, draws=DRAWS, tune=TUNE, chains=CHAINS, seed=a.seed, progress_bar=False)
        out['sampling_seconds'] = time.perf_counter() - ts
        out['compile_included_in_sampling'] = False
        out['parallelism'] = f'nutpie default: chains on threads over {os.cpu_count()} cores; backend numba'
        out['versions'] = dict(nutpie=nutpie.__version__, pymc=pm.__version__, arviz=az.__version__)
    else:
        mcmc = MCMC(NUTS(numpyro_model(d, a.model)), num_warmup=TUNE, num_samples=DRAWS, num_chains=CHAINS,
                    chain_method=a.numpyro_chain_method, progress_bar=False)
        ts = time.perf_counter()
        mcmc.run(jax.random.PRNGKey(a.seed), d['county'], d['floor'], d['u'], d['y'], extra_fields=('diverging',))
        jax.block_until_ready(mcmc.get_samples())
        out['sampling_seconds'] = time.perf_counter() - ts
        out['compile_included_in_sampling'] = True  # mcmc.run jit-compiles inside; no honest way to split it off
        out['parallelism'] = (f'chain_method={mcmc.chain_method}, {jax.local_device_count()} XLA CPU devices '
                              f'on {os.cpu_count()} cores, float64')
        out['versions'] = dict(numpyro=numpyro.__version__, jax=jax.__version__, arviz=az.__version__)
        idata = az.from_numpyro(mcmc, log_likelihood=False)  # no pointwise log-likelihood, like pm.sample and nutpie

    summary = az.summary(idata, var_names=SCALARS[a.model], kind='all', round_to='none')
    t2 = time.perf_counter()
    out['end_to_end_seconds'] = t2 - t1
    out['end_to_end_with_imports_seconds'] = t2 - t0
    out['min_bulk_ess'] = float(summary['ess_bulk'].min())
    out['min_tail_ess'] = float(summary['ess_tail'].min())
    out['max_rhat'] = float(summary['r_hat'].max())
    out['divergences'] = int(idata.sample_stats['diverging'].sum())
    out['ess_per_second_end_to_end'] = out['min_bulk_ess'] / out['end_to_end_seconds']
    out['ess_per_second_sampling'] = out['min_bulk_ess'] / out['sampling_seconds']
    out['posterior_means'] = summary['mean'].to_dict()
    # Linux reports ru_maxrss in KiB. RUSAGE_CHILDREN is the largest finished child's peak (PyMC's forked workers; for
    # nutpie, pytensor's compiler subprocesses); a forked child's RSS counts pages shared with the parent: rough figure.
    rss = [resource.getrusage(w).ru_maxrss / 1024 for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    out['peak_memory_mb'] = sum(rss)
    out['peak_memory_self_mb'], out['peak_memory_children_mb'] = rss
    print(json.dumps(out), file=stdout)


if __name__ == '__main__':
    main()
