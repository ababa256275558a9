"""hierbayes against nutpie, model by model: effective draws per second from two recorded runs.

Usage: python benchmarks/compare_models.py HIERBAYES.jsonl NUTPIE.jsonl
HIERBAYES.jsonl is written by `benchmarks/models.py --out`, NUTPIE.jsonl by `benchmarks/peers_models.py` (in the peers'
venv). For each model in both, one row of a markdown table: hierbayes's seconds from the DataFrame in hand to the summary,
its smallest bulk ESS over the scalars and their ratio; nutpie's form (centred or non-centred), its end-to-end and
sampling seconds, its smallest bulk ESS and both rates; and hierbayes's rate as a multiple of nutpie's end-to-end rate
and of its sampling-only rate. Rates are min bulk ESS per second, so a run that mixes worse counts for less.
"""
import json, sys


def load(path: str) -> dict:
    "The runs of a JSON lines file by model name (the last run of a name wins)."
    with open(path) as lines: return {run['name']: run for run in map(json.loads, filter(str.strip, lines))}


def main():
    if len(sys.argv) != 3: sys.exit(__doc__)
    ours, theirs = load(sys.argv[1]), load(sys.argv[2])
    print('| model | family | hierbayes s | min ESS | ESS/s | nutpie form | nutpie s (sampling) | min ESS | max R-hat | ESS/s (sampling) '
          '| x nutpie | x nutpie sampling |')
    print('|' + ' --- |' * 12)
    ratios = []
    for name, run in ours.items():
        if name not in theirs or 'error' in run: continue
        peer = theirs[name]
        seconds = run.get('end_to_end_seconds', run['seconds'])
        rate = run['min_ess'] / seconds
        ratio, sampling_ratio = rate / peer['ess_per_second_end_to_end'], rate / peer['ess_per_second_sampling']
        ratios.append((name, ratio, sampling_ratio))
        print(f"| {name} | {run['family']} | {seconds:.2f} | {run['min_ess']:.0f} | {rate:.0f} | {peer.get('form', 'non-centred')} "
              f"| {peer['seconds_end_to_end']:.1f} ({peer['seconds_sampling']:.1f}) | {peer['min_ess_bulk']:.0f} | {peer['max_rhat']:.3f} "
              f"| {peer['ess_per_second_end_to_end']:.0f} ({peer['ess_per_second_sampling']:.0f}) | {ratio:.1f} | {sampling_ratio:.1f} |")
    if ratios:
        worst = min(ratios, key=lambda r: r[1])
        print(f'\n- {len(ratios)} models in both runs; smallest multiple of nutpie end to end: {worst[1]:.1f} ({worst[0]}); '
              f'{sum(r[1] >= 10 for r in ratios)} of {len(ratios)} at 10 or more')


if __name__ == '__main__':
    main()
