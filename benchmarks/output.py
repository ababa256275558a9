"""What the benchmark scripts share: a markdown table of their result rows, and the rows as JSON lines in a new file."""
import json
from pathlib import Path


def refuse_existing(path) -> None:
    "Stop before any work if the results file exists: recorded results are not overwritten."
    if path and Path(path).exists(): raise SystemExit(f'{path} exists: choose a new name')


def print_table(rows: list, columns: dict) -> None:
    "One markdown row per result; `columns` maps each heading to the row's key or to a function of the row giving the cell."
    print('| ' + ' | '.join(columns) + ' |')
    print('| ' + ' | '.join('---' for _ in columns) + ' |')
    for row in rows: print('| ' + ' | '.join(str(cell(row) if callable(cell) else row[cell]) for cell in columns.values()) + ' |')


def write_rows(path, rows: list) -> None:
    "The rows as JSON lines in a file that must not exist yet."
    with open(path, 'x') as out: out.writelines(json.dumps(row) + '\n' for row in rows)
