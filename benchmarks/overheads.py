"""The fixed costs around sampling: importing the package, the command's help, a fit's summary and its convergence check.

Usage: python benchmarks/overheads.py [--repeats N]
Prints one markdown table of medians (and the slowest run): `import hierbayes` and `hierbayes --help` in fresh
processes, each timed from process start to exit, `python -c pass` beside them as the interpreter's own start; the
first fit after installation (radon `log_radon ~ floor + (1 | county)` at the defaults, in a fresh process whose numba
cache is a new empty folder, so that every compiled function is compiled) and the same fit with that cache warm; then,
in one process, on radon `log_radon ~ floor + (1 | county)` (4 chains x 1,000 kept draws): the summary of all 89
parameters (85 county intercepts and 4 scalars) and of the default scalars, the convergence check that ends every fit,
and ArviZ's summary of the same 89 parameters for reference.
"""
import argparse, os, subprocess, sys, tempfile, time, warnings
from pathlib import Path

import numpy as np


def process_seconds(command: list, repeats: int, environment: dict | None = None) -> list:
    "Wall seconds of a fresh process running `command`, `repeats` times."
    times = []
    for _ in range(repeats):
        begin = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=environment)
        times.append(time.perf_counter() - begin)
    return times


FIRST_FIT = ('import hierbayes; from hierbayes.data import load_radon; '
             "hierbayes.fit('log_radon ~ floor + (1 | county)', load_radon(), seed=1)")


def cold_and_warm(python: str, repeats: int) -> tuple[list, list]:
    "The first fit with an empty numba cache, and then the same fit with that cache filled, each in fresh processes."
    cold, warm = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as cache:
            environment = {**os.environ, 'NUMBA_CACHE_DIR': cache}
            cold += process_seconds([python, '-c', FIRST_FIT], 1, environment)
            warm += process_seconds([python, '-c', FIRST_FIT], 1, environment)
    return cold, warm


def call_seconds(call, repeats: int) -> list:
    "Wall seconds of `call()` in this process, after one untimed call."
    call()
    times = []
    for _ in range(repeats):
        begin = time.perf_counter()
        call()
        times.append(time.perf_counter() - begin)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repeats', type=int, default=5, help='fresh processes, or calls, per row (default 5)')
    args = parser.parse_args()
    python = sys.executable
    command = str(Path(python).with_name('hierbayes'))
    rows = {
        'python -c pass (the interpreter alone)': process_seconds([python, '-c', 'pass'], args.repeats),
        'python -c "import hierbayes"': process_seconds([python, '-c', 'import hierbayes'], args.repeats),
        'hierbayes --help': process_seconds([command, '--help'], args.repeats),
        'hierbayes radon --help': process_seconds([command, 'radon', '--help'], args.repeats),
    }
    cold, warm = cold_and_warm(python, args.repeats)
    rows['first fit after installation (empty compilation cache), end to end'] = cold
    rows['the same fit, compiled code in the cache, end to end'] = warm
    import arviz as az
    import hierbayes
    from hierbayes.chains import warn_convergence
    from hierbayes.data import load_radon
    from hierbayes.diagnostics import flatten
    from hierbayes.result import _labelled
    fitted = hierbayes.fit('log_radon ~ floor + (1 | county)', load_radon(), seed=1)
    everything = ['beta', 'gamma', 'sigma_alpha', 'sigma_y', 'alpha']
    repeats = max(args.repeats, 20)
    rows['summary(), all 89 parameters'] = call_seconds(lambda: fitted.summary(everything), repeats)
    rows['summary(), the 4 scalars (the default)'] = call_seconds(lambda: fitted.summary(), repeats)
    rows['convergence check inside fit'] = call_seconds(lambda: warn_convergence(*flatten(*_labelled(fitted))), repeats)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        rows['ArviZ summary of the same 89 (reference)'] = call_seconds(
            lambda: az.summary(fitted.to_arviz(everything), round_to='none'), args.repeats)
    print(f'hierbayes {hierbayes.__version__}; {args.repeats} fresh processes per command row, '
          f'{repeats} calls per summary row (ArviZ: {args.repeats})\n')
    print('| what | median ms | slowest ms |\n| --- | --- | --- |')
    for name, times in rows.items():
        print(f'| {name} | {1000 * np.median(times):.1f} | {1000 * max(times):.1f} |')


if __name__ == '__main__':
    main()
