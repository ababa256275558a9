#!/usr/bin/env python3
"""Build the documentation site from the notebooks' saved outputs, without Quarto.

`nbdev_docs` needs Quarto. This script makes a static site with nbconvert instead:

- `nbs/index.ipynb` becomes the home page `index.html`, every numbered notebook
  `nbs/NN_name.ipynb` becomes `NN_name.html`; nothing is executed, the saved outputs are shown;
- the nbdev directives are honoured: cells marked `#| hide` or `#| include: false` and the
  `#| default_exp` cell are left out, `#| echo: false` shows the outputs only, `#| output: false`
  the source only, and the directive lines themselves (`#| export`, `#| eval: false`, ...)
  are stripped from the code shown; lines ending in `#|hide_line` are dropped and
  `#| filter_stream word ...` drops the stream output lines that contain a word;
- a sidebar lists the pages in chapter order (index first, then the notebooks by number),
  each by its title (the notebook's first `# heading`), the current page highlighted;
- images in outputs are embedded by nbconvert; files that markdown refers to with a relative
  path (e.g. `images/eight_counties.png`) are copied next to the pages; links to `x.ipynb`
  point at `x.html`;
- after each exported cell, a `show_doc` table for each public function, class or method the
  cell defines (signature, the docstring's first paragraph, and each parameter's type, default and
  comment, read by fastcore's `docments` as nbdev reads them);
- math is typeset in the browser by MathJax 2.7, served from the site itself (`mathjax/`),
  copied from the PyPI package `jupyter-server-mathjax` (no CDN).

Usage: python tools/build_docs.py [--out _site] [--nbs nbs]
Then open _site/index.html, or check it in a browser with tools/check_docs.py.
"""
import argparse, configparser, html, re, shutil, sys, time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from nbconvert import HTMLExporter, TemplateExporter
from nbconvert.filters import Highlight2HTML
from pygments.formatters import HtmlFormatter

ROOT = Path(__file__).resolve().parent.parent
MARKER = '.docs-site'  # marks a folder this script made, so that it may empty it on the next build

# ---------------------------------------------------------------------------------------------
# Which notebooks, in which order, with which titles

def settings():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT/'settings.ini')
    return cfg['DEFAULT']


NUMBERED = re.compile(r'^(\d+)([A-Za-z]*)_.+\.ipynb$')  # 20_gibbs.ipynb, 92a_eight_schools.ipynb

def chapter(path):
    "The chapter number as shown in the sidebar ('20', '92a'), or None for the home page."
    m = NUMBERED.match(path.name)
    return m.group(1) + m.group(2) if m else None


def page_notebooks(nbs):
    "index.ipynb first, then the numbered notebooks `NN_name.ipynb` by number (92 < 92a < 93)."
    numbered = sorted((p for p in nbs.glob('*.ipynb') if NUMBERED.match(p.name)),
                      key=lambda p: (int(NUMBERED.match(p.name).group(1)), NUMBERED.match(p.name).group(2), p.name))
    index = [nbs/'index.ipynb'] if (nbs/'index.ipynb').exists() else []
    left_out = sorted(p.name for p in nbs.glob('*.ipynb') if p not in index + numbered)
    if left_out: print(f'not in the site (neither index.ipynb nor numbered): {", ".join(left_out)}', file=sys.stderr)
    return index + numbered


def page_name(nb_path):
    return 'index.html' if nb_path.name == 'index.ipynb' else nb_path.stem + '.html'


def title_of(nb):
    "The text of the notebook's first markdown `# heading`."
    for cell in nb.cells:
        if cell.cell_type != 'markdown': continue
        for line in cell.source.splitlines():
            m = re.match(r'#\s+(.+?)\s*#*\s*$', line)
            if m: return m.group(1)
    return None


def inline_md(text):
    "HTML for a title: escaped, with `code` spans."
    return re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(text, quote=False))


def plain(text): return text.replace('`', '')

# ---------------------------------------------------------------------------------------------
# nbdev's directives

DIRECTIVE = re.compile(r'^\s*#\s*\|\s*(.*?)\s*$')

def split_directives(source):
    """The leading `#|` lines of a code cell as {name: [args]}, and the code after them.
    As in nbdev, the directives end at the first line that is blank or not a directive."""
    lines, directives = source.split('\n'), {}
    while lines and DIRECTIVE.match(lines[0]) and lines[0].strip():
        words = DIRECTIVE.match(lines.pop(0)).group(1).replace(':', ': ').split()
        if words: directives[words[0].rstrip(':').lower().replace('-', '_')] = words[1:]
    return directives, '\n'.join(lines)


def off(directives, name):
    "True for `#| name: false`."
    return [a.lower() for a in directives.get(name, ['true'])][:1] == ['false']


def default_exp(nb):
    "The module a notebook exports to (`#| default_exp name`), or None."
    for cell in nb.cells:
        if cell.cell_type == 'code':
            directives, _ = split_directives(cell.source)
            if 'default_exp' in directives and directives['default_exp']: return directives['default_exp'][0]
    return None


def filter_cells(nb):
    "The notebook as the docs show it (see the module docstring); returns a new notebook."
    nb = nbformat.from_dict(nb)
    module, cells = default_exp(nb), []
    for cell in nb.cells:
        if cell.cell_type == 'raw': continue  # left out (Quarto would pass them through as they are)
        if cell.cell_type == 'markdown':
            if cell.source.strip(): cells.append(cell)
            continue
        directives, code = split_directives(cell.source)
        if 'hide' in directives or 'default_exp' in directives or off(directives, 'include'):
            continue
        code = '\n'.join(l for l in code.split('\n') if not re.search(r'#\s*\|\s*hide_line\s*$', l))
        cell.source = code.strip('\n')
        if off(directives, 'echo'):  # nbconvert's own way to leave out a cell's input
            cell.source = ''
            cell.metadata['transient'] = {'remove_source': True}
        if off(directives, 'output'): cell.outputs = []
        if 'filter_stream' in directives:
            words = directives['filter_stream']
            for out in cell.outputs:
                if out.output_type == 'stream':
                    out.text = ''.join(l for l in out.text.splitlines(True) if not any(w in l for w in words))
            cell.outputs = [o for o in cell.outputs if o.output_type != 'stream' or o.text]
        cell.execution_count = None
        for out in cell.outputs:  # images need alt text; a notebook may give it in the metadata
            for mime in ('image/png', 'image/jpeg'):
                if mime in out.get('data', {}) and not (out.get('metadata', {}).get(mime, {}).get('alt')
                                                        or out.get('metadata', {}).get('alt')):
                    out.setdefault('metadata', {})['alt'] = 'Figure drawn by the code above'
        if cell.source.strip() or cell.outputs: cells.append(cell)
        if 'export' in directives or 'exports' in directives:
            cells += [nbformat.v4.new_markdown_cell(md) for md in show_docs(code, module)]
    nb.cells = cells
    return nb

# ---------------------------------------------------------------------------------------------
# show_doc: after each exported cell, a table of each public name it defines, as nbdev shows it

def exported_names(code):
    "Public functions and classes a cell defines, and methods it attaches (`Fit.predict = _predict`)."
    import ast
    names = []
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith('_'):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            targets = [t for target in node.targets
                       for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
            names += [f'{t.value.id}.{t.attr}' for t in targets
                      if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                      and not t.attr.startswith('_') and t.value.id[:1].isupper()]
    return names


def type_name(annotation):
    import inspect
    if annotation is inspect.Parameter.empty or annotation is type(None): return ''  # docments' guess from a None default
    text = annotation if isinstance(annotation, str) else getattr(annotation, '__name__', None) or str(annotation)
    return re.sub(r'\b(?:[a-z_]+\.)+([A-Za-z_]+)', r'\1', str(text).replace('typing.', ''))


def default_text(value):
    import inspect
    if value is inspect.Parameter.empty: return ''
    text = repr(value)
    if len(text) > 40:
        try: text = f'{type(value).__name__}()' if value == type(value)() else text[:37] + '...'
        except Exception: text = text[:37] + '...'
    return text


def cell_text(text):
    "Markdown for a table cell: code, with pipes escaped as GFM wants them."
    return f'`{text}`'.replace('|', '\\|') if text else ''


def signature_text(name, obj):
    "`name(a: type = default, ...)`, one parameter a line when it does not fit on one, module paths left out."
    import inspect
    try: sig = inspect.signature(obj)
    except (TypeError, ValueError): return name
    short = lambda text: re.sub(r'\b(?:[a-z_]\w*\.)+([A-Za-z_]\w*)', r'\1', text)
    params = [short(str(p.replace(default=inspect.Parameter.empty))) +
              ('' if p.default is inspect.Parameter.empty else
               (' = ' if p.annotation is not inspect.Parameter.empty else '=') + default_text(p.default))
              for p in sig.parameters.values()]
    ret = '' if sig.return_annotation is inspect.Signature.empty else f' -> {type_name(sig.return_annotation)}'
    one = f'{name}({", ".join(params)}){ret}'
    return one if len(one) <= 90 else f'{name}(\n' + ''.join(f'    {p},\n' for p in params) + f'){ret}'


def show_doc_markdown(name, obj):
    import inspect
    from fastcore.docments import docments
    doc = inspect.getdoc(obj) or ''
    md = [f'<h4 class="show-doc" id="doc-{name.replace(".", "-")}"><code>{name}</code></h4>', '',
          '```python', signature_text(name, obj), '```', '', doc.split(chr(10) + chr(10))[0], '']
    target = obj.__init__ if inspect.isclass(obj) and '__init__' in vars(obj) else obj
    try: params = docments(target, full=True, returns=False)
    except Exception: params = {}
    params = {k: v for k, v in params.items() if k != 'self'}
    if params and (inspect.isfunction(target) or inspect.ismethod(target)):
        md += ['| | **Type** | **Default** | **Details** |', '| --- | --- | --- | --- |']
        for k, v in params.items():
            md.append(f"| {k} | {cell_text(type_name(v['anno']))} | {cell_text(default_text(v['default']))} "
                      f"| {(v['docment'] or '').replace('|', chr(92) + '|')} |")
    return '\n'.join(md)


def show_docs(code, module):
    "show_doc markdown for the public names an exported cell defines."
    if module is None: return []
    import importlib
    mod = importlib.import_module(f'{settings().get("lib_path", "hierbayes")}.{module}')
    out = []
    for name in exported_names(code):
        obj = mod
        try:
            for part in name.split('.'): obj = getattr(obj, part)
        except AttributeError: continue
        if callable(obj): out.append(show_doc_markdown(name, obj))
    return out

# ---------------------------------------------------------------------------------------------
# Page HTML

MATHJAX_CONFIG = r"""MathJax.Hub.Config({
  tex2jax: {
    inlineMath: [['$', '$'], ['\\(', '\\)']],
    displayMath: [['$$', '$$'], ['\\[', '\\]']],
    processEscapes: true,
    processEnvironments: true,
    // code and outputs are not math; markdown and LaTeX outputs (show_doc, Latex) are
    ignoreClass: 'tex2jax_ignore|input_area|output_area',
    processClass: 'tex2jax_process|output_markdown|output_latex'
  },
  TeX: {
    // a TeX error shows as an error node the checker finds, not as silently re-shown source
    noErrors: {disabled: true},
    noUndefined: {disabled: true},
    equationNumbers: {autoNumber: 'none'}
  },
  MMLorHTML: {prefer: 'HTML'},
  'HTML-CSS': {availableFonts: ['STIX-Web'], preferredFont: 'STIX-Web', webFont: 'STIX-Web',
               imageFont: null, linebreaks: {automatic: true},
               // MathJax 2 declares a font at url('about:blank'), which current Chromium refuses
               // with a console error (CORS); a font that is never found does the same job quietly
               styles: {'@font-face': {'font-family': 'MathJax_Blank', src: "local('MathJax Blank Not Installed')"}}},
  'fast-preview': {disabled: true},
  messageStyle: 'none',
  showProcessingMessages: false
});"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
<script type="text/x-mathjax-config">
{mathjax_config}
</script>
<script src="mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"></script>
</head>
<body>
<nav class="sidebar" aria-label="Chapters"><div class="sidebar-inner">
<a class="site-title" href="index.html">{site}</a>
<p class="site-description">{description}</p>
<ol class="chapters">
{items}
</ol>
</div></nav>
<main class="page">
{body}
<nav class="pager" aria-label="Previous and next">{pager}</nav>
</main>
</body>
</html>
"""


def sidebar_items(pages, current):
    items = []
    for p in pages:
        num = chapter(p['nb'])
        label = f'<span class="num">{num}</span> ' if num else ''
        here = ' class="current" aria-current="page"' if p['html'] == current else ''
        items.append(f'<li><a href="{p["html"]}"{here}>{label}{inline_md(p["title"])}</a></li>')
    return '\n'.join(items)


def pager(pages, i):
    links = []
    if i > 0:
        links.append(f'<a class="prev" href="{pages[i-1]["html"]}">&larr; {inline_md(pages[i-1]["title"])}</a>')
    if i + 1 < len(pages):
        links.append(f'<a class="next" href="{pages[i+1]["html"]}">{inline_md(pages[i+1]["title"])} &rarr;</a>')
    return ''.join(links)


def is_relative(url):
    return bool(url) and not url.startswith(('#', '/', 'data:')) and not re.match(r'[a-zA-Z][\w+.-]*:', url)


def fix_links(body):
    "Links to notebooks point at their pages; `\\|` in tables is a pipe; wide tables scroll in a wrapper."
    def to_html(m):
        url = m.group(2)
        if is_relative(url):
            url = re.sub(r'^((?:[^#?]*/)?)index\.ipynb(?=$|[#?])', r'\1index.html', url)
            url = re.sub(r'\.ipynb(?=$|[#?])', '.html', url)
        return f'{m.group(1)}{url}"'
    body = re.sub(r'(<a\b[^>]*?\bhref=")([^"]*)"', to_html, body)
    # In a table, GFM (and pandoc) read `\|` as a pipe that does not end the cell, inside code
    # spans too; mistune keeps the backslash there
    def pipes(m):
        return re.sub(r'<code>(.*?)</code>', lambda c: f'<code>{c.group(1).replace(chr(92) + "|", "|")}</code>',
                      m.group(0), flags=re.S)
    body = re.sub(r'<table\b.*?</table>', pipes, body, flags=re.S)
    body = re.sub(r'<table\b', '<div class="table-wrap"><table', body)
    return body.replace('</table>', '</table></div>')


def local_files(body):
    "Relative paths the page loads or links to that are not pages: images and other files."
    urls = re.findall(r'<(?:img|source|video|audio)\b[^>]*?\bsrc="([^"]*)"', body)
    urls += re.findall(r'<a\b[^>]*?\bhref="([^"]*)"', body)
    paths = set()
    for url in urls:
        if not is_relative(url): continue
        path = unquote(urlsplit(html.unescape(url)).path)
        if path and not path.endswith('.html'): paths.add(path)
    return paths


class DocsExporter(HTMLExporter):
    """nbconvert's HTML exporter with the `basic` template (the cells only, no page around them),
    without its two slow passes, which cost most of the build's time: bleach's `clean_html` run on
    every block of pygments output (already escaped HTML), and a BeautifulSoup pass over the whole
    page that only adds `alt` text to images (`filter_cells` gives output images theirs)."""
    def __init__(self, **kw):
        super().__init__(template_name='basic', exclude_input_prompt=True, exclude_output_prompt=True,
                         anchor_link_text='#', filters={'clean_html': lambda html: html}, **kw)

    def from_notebook_node(self, nb, resources=None, **kw):
        info = nb.metadata.get('language_info', {})
        lexer = info.get('pygments_lexer', info.get('name', None))
        self.register_filter('highlight_code', Highlight2HTML(pygments_lexer=lexer, parent=self))
        return TemplateExporter.from_notebook_node(self, nb, self._init_resources(resources), **kw)


def render(exporter, nb):
    body, _ = exporter.from_notebook_node(filter_cells(nb))
    return fix_links(body)

CSS = """\
:root { --side: 17rem; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --code-bg: #f6f8fa;
        --accent: #0b5cad; --accent-bg: #e7f0fb; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--fg); background: #fff; line-height: 1.6; display: flex;
       font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }

/* the sidebar: a full-height column whose contents stay in view while the page scrolls */
.sidebar { flex: 0 0 var(--side); background: #f7f8fa; border-right: 1px solid var(--line);
           font-size: 0.9rem; line-height: 1.35; }
.sidebar-inner { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 1.2rem 0.9rem 2rem; }
.site-title { display: block; font-size: 1.3rem; font-weight: 700; color: var(--fg); }
.site-description { margin: 0.3rem 0 1rem; color: var(--muted); font-size: 0.82rem; }
.chapters { list-style: none; margin: 0; padding: 0; }
.chapters a { display: flex; gap: 0.45rem; padding: 0.3rem 0.5rem; border-radius: 5px; color: var(--fg); }
.chapters a:hover { background: #eaeef2; text-decoration: none; }
.chapters a.current { background: var(--accent-bg); color: var(--accent); font-weight: 600;
                      box-shadow: inset 3px 0 0 var(--accent); }
.chapters .num { flex: none; width: 1.7rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.chapters code { font-size: 0.85em; background: none; padding: 0; }

/* the page; min-width: 0 lets wide code and tables scroll inside it instead of widening it */
.page { flex: 1 1 auto; min-width: 0; max-width: 64rem; padding: 1.5rem 2.5rem 4rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.6em; }
h1 { font-size: 2rem; margin-top: 0.4rem; }
h2 { font-size: 1.45rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; }
h1 + blockquote { margin: -0.2rem 0 1.5rem; padding: 0; border: 0; color: var(--muted); font-size: 1.1rem; }
blockquote { margin: 1rem 0; padding: 0.1rem 1rem; border-left: 4px solid var(--line); color: var(--muted); }
.anchor-link { margin-left: 0.4rem; color: var(--muted); opacity: 0; font-weight: 400; }
h1:hover .anchor-link, h2:hover .anchor-link, h3:hover .anchor-link, h4:hover .anchor-link { opacity: 1; }
img { max-width: 100%; height: auto; }
hr { border: 0; border-top: 1px solid var(--line); }

/* code, inline and in blocks */
code, pre { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
            font-size: 0.86rem; }
:not(pre) > code { padding: 0.1em 0.3em; background: #eff1f3; border-radius: 4px; }
pre { margin: 0; padding: 0.7rem 0.9rem; overflow-x: auto; line-height: 1.45; }
.rendered_html .highlight, .input_area { margin: 0.8rem 0; background: var(--code-bg);
                                          border: 1px solid var(--line); border-radius: 6px; }
.input_area .highlight { margin: 0; border: 0; background: none; }
.highlight pre { background: none; }

/* cells and outputs */
.cell { margin: 0.6rem 0; }
.code_cell { margin: 1rem 0; }
.output_wrapper { margin-top: -0.4rem; }
.output_area { margin: 0.3rem 0 0; padding-left: 0.9rem; border-left: 3px solid #e3e8ee; overflow-x: auto; }
.output_area pre { padding: 0.4rem 0; background: none; }
.output_stderr { background: #fff6e5; }
.output_stderr pre { padding: 0.4rem 0.5rem; }
.output_error pre { background: #fdecec; padding: 0.4rem 0.5rem; }
.output_png img, .output_jpeg img { display: block; margin: 0.4rem 0; }

/* tables scroll sideways instead of overflowing the page */
.table-wrap { max-width: 100%; overflow-x: auto; margin: 0.8rem 0; }
table { border-collapse: collapse; font-size: 0.88rem; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #afb8c1; }
.output_html td, .output_html th { text-align: right; white-space: nowrap;
                                   font-variant-numeric: tabular-nums; }
.output_html tbody tr:nth-child(odd) { background: #f8f9fb; }
table.dataframe, .dataframe th, .dataframe td { border-top: 0; border-left: 0; border-right: 0; }
.output_html tbody th { font-weight: 600; }

/* display math: wide equations scroll too */
.MathJax_Display { overflow-x: auto; overflow-y: hidden; }

.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem;
         padding-top: 1rem; border-top: 1px solid var(--line); }
.pager .next { margin-left: auto; text-align: right; }

@media (max-width: 60rem) {
  body { display: block; }
  .sidebar { border-right: 0; border-bottom: 1px solid var(--line); }
  .sidebar-inner { position: static; max-height: none; }
  .page { padding: 1rem; }
}
"""

# ---------------------------------------------------------------------------------------------

def mathjax_dir():
    import jupyter_server_mathjax
    return Path(jupyter_server_mathjax.__file__).parent/'static'


def prepare_out(out):
    "Empty the output folder, but only one this script made (or an empty or missing one)."
    if out.exists():
        if not out.is_dir() or (any(out.iterdir()) and not (out/MARKER).exists()):
            sys.exit(f'{out} exists and was not made by {Path(__file__).name}; give another --out')
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out/MARKER).write_text('Made by tools/build_docs.py; emptied on every build.\n')


def build(out=None, nbs=None, quiet=False):
    "Build the site into `out`; returns the list of pages as dicts (nb, html, title)."
    start = time.perf_counter()
    cfg = settings()
    nbs = Path(nbs) if nbs else ROOT/cfg.get('nbs_path', 'nbs')
    out = Path(out) if out else ROOT/'_site'
    prepare_out(out)

    pages = []
    for path in page_notebooks(nbs):
        nb = nbformat.read(path, as_version=4)
        pages.append(dict(nb=path, html=page_name(path), title=title_of(nb) or path.stem, notebook=nb))
    if not pages: sys.exit(f'no notebooks in {nbs}')

    exporter = DocsExporter()
    site, description = cfg.get('title', cfg.get('lib_name', 'docs')), cfg.get('description', '')
    missing = []
    for i, p in enumerate(pages):
        body = render(exporter, p.pop('notebook'))
        for rel in sorted(local_files(body)):
            src = (p['nb'].parent/rel).resolve()
            if not src.is_relative_to(nbs.resolve()) or not src.is_file():
                missing.append(f'{p["html"]}: {rel}')
                continue
            dest = out/src.relative_to(nbs.resolve())
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
        title = plain(p['title']) if p['html'] == 'index.html' else f'{plain(p["title"])} – {site}'
        (out/p['html']).write_text(PAGE.format(
            title=html.escape(title), mathjax_config=MATHJAX_CONFIG, site=html.escape(site),
            description=html.escape(description), items=sidebar_items(pages, p['html']),
            body=body, pager=pager(pages, i)), encoding='utf-8')

    css = CSS + '\n/* Pygments (code highlighting) */\n' + HtmlFormatter(style='default').get_style_defs('.highlight')
    (out/'style.css').write_text(css)
    shutil.copytree(mathjax_dir(), out/'mathjax')

    for m in missing: print(f'warning: {m} is linked but is not a file under {nbs}', file=sys.stderr)
    if not quiet:
        print(f'built {len(pages)} pages into {out} in {time.perf_counter() - start:.1f} s')
    return pages


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', default=str(ROOT/'_site'), help='output folder (default: _site)')
    ap.add_argument('--nbs', default=None, help='notebook folder (default: nbs_path in settings.ini)')
    args = ap.parse_args()
    build(args.out, args.nbs)


if __name__ == '__main__':
    main()
