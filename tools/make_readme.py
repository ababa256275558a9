#!/usr/bin/env python3
"""Build README.md from nbs/index.ipynb.

`nbdev_readme` does this job, but it needs Quarto, which we do not always have.
This script does the same for the few things index.ipynb uses:

- markdown cells are copied as they are (the first one holds `# Title` and `> summary`);
  relative image paths such as `images/foo.png` become `nbs/images/foo.png`,
  so that they resolve from the repository root;
- code cells are shown in a ```python fence, without their `#|` directive lines;
  their text outputs follow in a plain ``` fence, `text/markdown` outputs as markdown,
  and outputs that hold an image, and stderr (notices such as the first run's compilation), are left out;
- cells marked `#| hide` are left out (`#| echo: false` drops the code only,
  `#| output: false` the outputs only); raw cells are left out.

Usage: python tools/make_readme.py                    # write README.md
       python tools/make_readme.py --check            # exit 1 if README.md would change
       python tools/make_readme.py --check --execute  # the same, from index.ipynb run afresh

With --execute the notebook is run (nbclient, in nbs/, on a copy: the saved notebook is not
touched) and the README is built from the new outputs, so that the check also shows that the
README's code runs and prints what the README says.
"""
import argparse, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = 'nbs'  # nbs_path in settings.ini
NOTEBOOK, README = ROOT/NBS/'index.ipynb', ROOT/'README.md'


def text(src):
    "Notebook JSON stores text either as one string or as a list of lines."
    return ''.join(src) if isinstance(src, list) else src


def split_directives(source):
    "Split a code cell into its leading `#|` directives (as a set) and the code after them."
    lines, directives = source.splitlines(), set()
    while lines and lines[0].lstrip().startswith('#|'):
        directives.add(' '.join(lines.pop(0).lstrip()[2:].split()).lower())
    return directives, '\n'.join(lines)


# `![alt](path)` in markdown and `<img src="path">` in HTML
IMAGE = re.compile(r'(!\[[^\]]*\]\(\s*<?|<img\b[^>]*?\bsrc\s*=\s*["\'])([^)"\'\s>]+)')

def fix_image_paths(md):
    "Point relative image paths at nbs/, leaving URLs and absolute paths alone."
    def fix(m):
        path = m.group(2)
        if path.startswith(('/', '#')) or re.match(r'[a-zA-Z][\w+.-]*:', path): return m.group(0)
        return f'{m.group(1)}{NBS}/{path}'
    return IMAGE.sub(fix, md)


def fence(body, lang=''):
    return f'```{lang}\n{body.strip(chr(10))}\n```'


def output_blocks(outputs):
    "Markdown for a code cell's outputs; consecutive stream outputs share one fence."
    blocks, stream = [], []
    for out in outputs:
        if out.get('output_type') == 'stream' and out.get('name') == 'stderr': continue  # notices (compiling...) depend on the machine's state
        if out.get('output_type') == 'stream':
            stream.append(text(out.get('text', '')))
            continue
        if stream: blocks.append(fence(''.join(stream))); stream = []
        data = out.get('data', {})
        if 'image/png' in data: continue  # images are not shown in the README
        if 'text/markdown' in data: blocks.append(text(data['text/markdown']).strip('\n'))
        elif 'text/plain' in data: blocks.append(fence(text(data['text/plain'])))
        # errors and other mime types are left out
    if stream: blocks.append(fence(''.join(stream)))
    return blocks


def cell_blocks(cell):
    "Markdown blocks for one notebook cell."
    source = text(cell.get('source', ''))
    directives, body = split_directives(source)
    if 'hide' in directives: return []
    if cell['cell_type'] == 'markdown': return [fix_image_paths(source).strip('\n')]
    if cell['cell_type'] != 'code': return []
    blocks = []
    if body.strip() and 'echo: false' not in directives: blocks.append(fence(body, 'python'))
    if 'output: false' not in directives: blocks += output_blocks(cell.get('outputs', []))
    return blocks


def make_readme(nb):
    blocks = [b for cell in nb['cells'] for b in cell_blocks(cell)]
    return '\n\n'.join(b for b in blocks if b.strip()) + '\n'


def executed(nb):
    "The notebook run afresh in nbs/ (as nbdev_test runs it), as JSON; the file on disk is left alone."
    import nbformat
    from nbclient import NotebookClient
    notebook = nbformat.reads(json.dumps(nb), as_version=4)
    NotebookClient(notebook, timeout=1200, kernel_name='python3', resources={'metadata': {'path': str(ROOT/NBS)}}).execute()
    return json.loads(nbformat.writes(notebook))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='exit 1 if README.md would change; write nothing')
    parser.add_argument('--execute', action='store_true', help='run index.ipynb first (on a copy) and use its new outputs')
    args = parser.parse_args()
    if args.execute and not args.check: parser.error('--execute only checks: run the notebook and save it, then make the README from it')
    if not NOTEBOOK.exists(): sys.exit(f'{NOTEBOOK.relative_to(ROOT)} not found')
    nb = json.loads(NOTEBOOK.read_text(encoding='utf-8'))
    if args.execute: nb = executed(nb)
    readme = make_readme(nb)
    current = README.read_text(encoding='utf-8') if README.exists() else None
    if args.check:
        if readme != current:
            import difflib
            diff = difflib.unified_diff((current or '').splitlines(), readme.splitlines(), 'README.md', 'from index.ipynb', lineterm='')
            print('\n'.join(list(diff)[:60]), file=sys.stderr)
            sys.exit('README.md is out of step with nbs/index.ipynb: run python tools/make_readme.py')
    elif readme != current:
        README.write_text(readme, encoding='utf-8', newline='\n')


if __name__ == '__main__':
    main()
