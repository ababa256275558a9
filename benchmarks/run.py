"""Run hierbayes and the NUTS peers on the same radon models, each run in a fresh process, and print a table of medians.

Usage: python benchmarks/run.py [--models floor uranium logistic] [--repeats 3] [--peers-python /path/bench-venv/bin/python]
                                [--out results.jsonl]
hierbayes runs in this Python (the package's environment); the peers in --peers-python (see benchmarks/README.md).
Without --peers-python only hierbayes runs, and the table has no ratios.
"""
import argparse, json, statistics, subprocess, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS, PEERS = ['floor', 'uranium', 'logistic'], ['nutpie', 'pymc', 'numpyro']
FIELDS = ['end_to_end_seconds', 'sampling_seconds', 'min_bulk_ess', 'ess_per_second_end_to_end', 'ess_per_second_sampling',
          'end_to_end_with_imports_seconds', 'max_rhat', 'divergences', 'peak_memory_mb']


def run(python, script, *args):
    "One benchmark run in a fresh process; its JSON line."
    done = subprocess.run([python, str(HERE / script), *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--models', nargs='+', default=['floor', 'uranium'], choices=MODELS)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--peers-python', help='python of the environment with PyMC, nutpie and NumPyro')
    parser.add_argument('--out', type=Path, help='also write every run as a JSON line here (not overwritten)')
    args = parser.parse_args()
    if args.out and args.out.exists(): sys.exit(f'{args.out} exists: choose another file')
    runs = []
    for model in args.models:
        for seed in range(1, args.repeats + 1):
            runs.append(run(sys.executable, 'hierbayes_run.py', model, '--seed', str(seed)))
            for tool in PEERS if args.peers_python else []:
                runs.append(run(args.peers_python, 'peers.py', tool, model, '--seed', str(seed)))
    if args.out: args.out.write_text(''.join(json.dumps(r) + '\n' for r in runs))
    print(table(runs))


def table(runs):
    "Medians per tool and model, and hierbayes's ESS per second as a multiple of each peer's."
    medians = {}
    for r in runs:
        medians.setdefault((r['model'], r['tool']), []).append(r)
    lines = [f"{'model':8} {'tool':10} " + ' '.join(f'{f[:18]:>18}' for f in FIELDS) + f" {'runs':>5}"]
    for (model, tool), group in sorted(medians.items()):
        values = [statistics.median(float(r.get(f) or 0) for r in group) for f in FIELDS]
        lines.append(f'{model:8} {tool:10} ' + ' '.join(f'{v:18.3f}' for v in values) + f' {len(group):5d}')
    lines.append('')
    for model in MODELS:
        ours = medians.get((model, 'hierbayes'))
        for tool in PEERS:
            theirs = medians.get((model, tool))
            if not (ours and theirs): continue
            ratio = {k: statistics.median(r[k] for r in ours) / statistics.median(r[k] for r in theirs)
                     for k in ['ess_per_second_end_to_end', 'ess_per_second_sampling']}
            lines.append(f'{model}: hierbayes / {tool}: {ratio["ess_per_second_end_to_end"]:.0f}x ESS per second end to end, '
                         f'{ratio["ess_per_second_sampling"]:.0f}x sampling only')
    return '\n'.join(lines)


if __name__ == '__main__':
    main()
