#!/usr/bin/env python3
"""Open every page of the docs site in headless Chromium and check what a reader would see.

The site (made by tools/build_docs.py) is served on localhost from a thread and every page is
opened in Debian's Chromium (`/usr/bin/chromium`, driven through the `playwright` package; no
browser is downloaded). After MathJax has finished, a page fails if:

- math is left untypeset: TeX outside code and outputs that MathJax did not turn into math
  (`$...$` as pandoc reads it, `$$`, `\\(`, `\\[`, `\\begin{`, control words such as `\\frac`),
  MathJax error nodes (`merror`), or MathJax did not load or finish;
- an image did not load (`img.complete && naturalWidth > 0`);
- an internal link points at a page or file that does not exist, or at an anchor not on the page;
- a hidden cell shows: a directive line (`#| ...`) or `default_exp` in the code shown, the cell of
  a notebook cell marked `#| hide`, `#| include: false` or `#| default_exp`, or its code
  (beyond the times the notebook shows the same code in cells that are not hidden);
- the text carries a Python warning (`Warning:` in an output), a traceback or an error output,
  or a machine path (`/tmp/`, `/work/`, `/root/`, `/home/`);
- the browser console shows an error, a script throws, a request fails or gets an HTTP error,
  or the page asks for anything not on the site (such requests are blocked);
- the page is missing, or the sidebar does not mark it as the current page.

Code blocks and outputs are not searched for math: a `$` there is a dollar sign.
Cells are named as `cell[i]`, counted from 0 as in the notebook's JSON, with their id.

It prints one line per page, OK or the problems found, saves full-page screenshots of the
home page and of 20_gibbs.html, and exits 1 if any page fails (2 if it cannot run at all).

Usage: python tools/check_docs.py [--build] [--site _site] [--screenshots DIR]
"""
import argparse, configparser, functools, html.parser, re, sys, threading, time
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
# Only the local server resolves: nothing leaves the machine, and a page that needs another host
# fails the check (its requests are reported) instead of quietly loading from the network.
NO_OTHER_HOSTS = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'
SCREENSHOT_PAGES = ['index.html', '20_gibbs.html']
MACHINE_PATHS = ['/tmp/', '/work/', '/root/', '/home/']

# ---------------------------------------------------------------------------------------------
# What the notebooks say: pages, and which cells are hidden (read here, independently of the builder)

NUMBERED = re.compile(r'^(\d+)([A-Za-z]*)_.+\.ipynb$')
DIRECTIVE = re.compile(r'^\s*#\s*\|\s*(.*?)\s*$')


def notebook_pages(nbs):
    "{page name: notebook path} for index.ipynb and the numbered notebooks."
    pages = {}
    if (nbs/'index.ipynb').exists(): pages['index.html'] = nbs/'index.ipynb'
    numbered = [p for p in nbs.glob('*.ipynb') if NUMBERED.match(p.name)]
    for p in sorted(numbered, key=lambda p: (int(NUMBERED.match(p.name).group(1)), NUMBERED.match(p.name).group(2), p.name)):
        pages[p.stem + '.html'] = p
    return pages


def directives_and_code(source):
    lines, names = source.split('\n'), {}
    while lines and lines[0].strip() and DIRECTIVE.match(lines[0]):
        words = DIRECTIVE.match(lines.pop(0)).group(1).replace(':', ': ').split()
        if words: names[words[0].rstrip(':').lower().replace('-', '_')] = [w.lower() for w in words[1:]]
    return names, '\n'.join(lines)


def norm(code): return '\n'.join(l.rstrip() for l in code.strip('\n').split('\n')).strip()


def notebook_facts(path):
    """Cell ids, the hidden cells, and how often each piece of code is shown."""
    import nbformat
    nb = nbformat.read(path, as_version=4)
    ids, hidden, shown = {}, {}, Counter()
    for i, cell in enumerate(nb.cells):
        if cell.get('id'): ids[cell['id']] = i
        if cell.cell_type != 'code': continue
        d, code = directives_and_code(cell.source)
        if 'hide' in d or 'default_exp' in d or d.get('include', [''])[:1] == ['false']:
            hidden[i] = norm(code)
        elif d.get('echo', [''])[:1] != ['false'] and norm(code):
            shown[norm(code)] += 1
    return dict(ids=ids, hidden=hidden, shown=shown, ncells=len(nb.cells))

# ---------------------------------------------------------------------------------------------
# What the browser sees

WAIT_FOR_MATHJAX = """() => new Promise(resolve => {
  if (!window.MathJax || !MathJax.Hub) return resolve('MathJax did not load');
  const timer = setTimeout(() => resolve('MathJax did not finish within 60 s'), 60000);
  // (the hook must not return the queue's callback: MathJax would wait for it, and it for MathJax)
  MathJax.Hub.Register.StartupHook('End', () => {
    MathJax.Hub.Queue(() => { clearTimeout(timer); resolve('ok'); });
  });
})"""

INSPECT = r"""() => {
  const cellOf = el => { const c = el && el.closest('.cell'); return c ? (c.id || '(no id)') : null; };
  // Prose: text that MathJax is meant to typeset, i.e. not code, not (non-markdown) outputs,
  // not MathJax's own output; visible text nodes only, joined by the block they sit in.
  const SKIP = 'script, style, noscript, textarea, pre, code, .MathJax, .MathJax_Display, ' +
               '.MathJax_Preview, .MJX_Assistive_MathML, .MathJax_MathML, .input_area, ' +
               '.output_subarea:not(.output_markdown):not(.output_latex)';
  const BLOCK = 'p, li, td, th, h1, h2, h3, h4, h5, h6, blockquote, dd, dt, figcaption, div, nav, main, body';
  const blocks = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest(SKIP) || !p.checkVisibility()) continue;
    const b = p.closest(BLOCK);
    blocks.set(b, (blocks.get(b) || '') + n.data);
  }
  const prose = [...blocks].map(([b, t]) => ({cell: cellOf(b), text: t.replace(/\s+/g, ' ').trim()}))
                           .filter(x => x.text);
  const mathErrors = [...document.querySelectorAll('.merror, mjx-merror, .mjx-merror, .MathJax_Error')]
    .map(e => {
      const frame = e.closest('[id$="-Frame"]');
      const src = frame && document.getElementById(frame.id.replace(/-Frame$/, ''));
      return {cell: cellOf(e), message: e.textContent, tex: src ? src.textContent : ''};
    });
  const unrendered = [...document.querySelectorAll('script[type^="math/tex"]')]
    .filter(s => !document.getElementById(s.id + '-Frame'))
    .map(s => ({cell: cellOf(s), tex: s.textContent}));
  const images = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))
    .map(i => ({cell: cellOf(i), src: (i.getAttribute('src') || '').slice(0, 100)}));
  const links = [...document.querySelectorAll('a[href]')]
    .map(a => ({cell: cellOf(a), href: a.getAttribute('href'), url: a.href}));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id)
    .concat([...document.querySelectorAll('a[name]')].map(a => a.getAttribute('name')));
  const cells = [...document.querySelectorAll('.cell')].map(c => ({
    id: c.id,
    inputs: [...c.querySelectorAll('.input_area pre')].map(p => p.innerText),
    outputs: [...c.querySelectorAll('.output_subarea')].map(o => ({cls: o.className, text: o.innerText})),
    text: c.innerText}));
  const current = [...document.querySelectorAll('.sidebar a[aria-current="page"]')].map(a => a.href);
  // `\|` is how a markdown table writes a pipe inside a cell; shown as such, it was not read
  const pipes = [...document.querySelectorAll('.rendered_html td, .rendered_html th')]
    .filter(td => !td.closest('.output_html') && td.innerText.includes('\\|'))
    .map(td => ({cell: cellOf(td), text: td.innerText.trim().slice(0, 80)}));
  return {prose, mathErrors, unrendered, images, links, ids, cells, current, pipes,
          body: document.body.innerText,
          processingErrors: (document.body.innerText.match(/\[Math Processing Error\]/g) || []).length};
}"""

# TeX as a reader would see it when MathJax left it alone. Inline `$...$` is read as pandoc
# (and so Quarto) reads it: `$` then a non-space, ..., a non-space then `$` not followed by a digit,
# so that "$5 and $10" is two prices, not math.
RAW_TEX = [
    (re.compile(r'\$\$'), '$$'),
    (re.compile(r'\$(?=[^\s$])(?:[^$\\]|\\.)*?(?<=[^\s\\])\$(?!\d)'), '$...$'),
    (re.compile(r'\\[()\[\]]'), r'\( \['),
    (re.compile(r'\\(?:begin|end)\{'), r'\begin'),
    (re.compile(r'\\[A-Za-z]{2,}'), 'TeX command'),
    (re.compile(r'\$(?!\d)'), 'stray $'),  # one half of a pair, e.g. split by a table's `|`
]
SHOWN_DIRECTIVE = re.compile(r'^\s*#\s*\|\s*\S', re.M)


def snippet(text, start, end, width=40):
    s = text[max(0, start - width):end + width].replace('\n', ' ')
    return ('…' if start > width else '') + s + ('…' if end + width < len(text) else '')


def line_with(text, needle):
    for line in text.splitlines():
        if needle in line: return line.strip()[:160]
    return needle


class IdParser(html.parser.HTMLParser):
    "Element ids (and a-names) of an HTML file, for links into pages that were not opened."
    def __init__(self):
        super().__init__()
        self.ids = set()
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == 'id' or (tag == 'a' and k == 'name'): self.ids.add(v)


def problems_of(name, seen, facts, log):
    "Problems on one page, from what the browser saw (`seen`) and the notebook (`facts`)."
    out = []
    cell_index = (facts or {}).get('ids', {})
    def where(cell_id):
        if not cell_id: return 'outside the cells'
        if cell_id == '(no id)': return 'a cell without an id'
        nb_id = cell_id[len('cell-id='):] if cell_id.startswith('cell-id=') else cell_id
        return f'cell[{cell_index[nb_id]}] ({nb_id})' if nb_id in cell_index else f'cell {cell_id}'

    # Math
    if log['mathjax'] != 'ok': out.append(log['mathjax'])
    for e in seen['mathErrors']:
        out.append(f'MathJax error "{e["message"][:80]}" in ${e["tex"][:80]}$ in {where(e["cell"])}')
    for u in seen['unrendered']:
        out.append(f'math not rendered: ${u["tex"][:80]}$ in {where(u["cell"])}')
    if seen['processingErrors']:
        out.append(f'{seen["processingErrors"]} "[Math Processing Error]"')
    for block in seen['prose']:
        for pattern, label in RAW_TEX:
            m = pattern.search(block['text'])
            if m:
                out.append(f'untypeset TeX ({label}) in {where(block["cell"])}: '
                           f'"{snippet(block["text"], m.start(), m.end())}"')
                break
        if SHOWN_DIRECTIVE.search(block['text']) or re.search(r'#\s?\|\s?(?:hide|export)', block['text']):
            out.append(f'directive text in prose in {where(block["cell"])}')

    for td in seen['pipes']:
        out.append(f'table cell shows an escaped pipe \\| in {where(td["cell"])}: "{td["text"]}"')

    # Images
    for img in seen['images']:
        out.append(f'image did not load: {img["src"]} in {where(img["cell"])}')

    # Hidden cells
    facts = facts or {}
    page_code = Counter()
    for cell in seen['cells']:
        nb_id = cell['id'][len('cell-id='):] if cell['id'].startswith('cell-id=') else cell['id']
        if cell_index.get(nb_id) in facts.get('hidden', {}):
            out.append(f'hidden cell shows: {where(cell["id"])}')
        for code in cell['inputs']:
            page_code[norm(directives_and_code(code)[1])] += 1
            m = SHOWN_DIRECTIVE.search(code)
            if m: out.append(f'directive shown in code of {where(cell["id"])}: {line_with(code[m.start():], "#")}')
            if 'default_exp' in code: out.append(f'default_exp shown in {where(cell["id"])}')
    flagged = {cell_index.get(c['id'].removeprefix('cell-id=')) for c in seen['cells']}
    for i, code in facts.get('hidden', {}).items():
        if i not in flagged and code and page_code[code] > facts['shown'][code]:
            out.append(f'code of hidden cell[{i}] shows: "{code.splitlines()[0][:60]}"')

    # Warnings, tracebacks, machine paths
    for cell in seen['cells']:
        for o in cell['outputs']:
            if 'Warning:' in o['text']:
                out.append(f'warning in output of {where(cell["id"])}: {line_with(o["text"], "Warning:")}')
            if 'output_error' in o['cls']:
                out.append(f'error output in {where(cell["id"])}: {o["text"].strip().splitlines()[-1][:120] if o["text"].strip() else ""}')
        if 'Traceback (most recent call last)' in cell['text']:
            out.append(f'traceback in {where(cell["id"])}')
        for p in MACHINE_PATHS:
            if p in cell['text']:
                part = 'code' if any(p in c for c in cell['inputs']) else (
                       'output' if any(p in o['text'] for o in cell['outputs']) else 'text')
                out.append(f'machine path {p} in {part} of {where(cell["id"])}: {line_with(cell["text"], p)}')
    outside = seen['body']
    for cell in seen['cells']: outside = outside.replace(cell['text'], '')
    for p in MACHINE_PATHS + ['Traceback (most recent call last)']:
        if p in outside: out.append(f'{p} outside the cells: {line_with(outside, p)}')

    # Sidebar
    marked = [urlsplit(u).path.rsplit('/', 1)[-1] or 'index.html' for u in seen['current']]
    if marked != [name]:
        out.append(f'the sidebar marks {marked or "no page"} as the current page')

    # Browser
    out += log['console'] + log['requests']
    return out

# ---------------------------------------------------------------------------------------------

class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args): pass


def serve(site):
    server = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f'http://127.0.0.1:{server.server_address[1]}/'


def visit(context, base, name):
    "Open one page; what the browser saw, and the console and network log."
    log = dict(console=[], requests=[], mathjax='')
    page = context.new_page()
    # (a resource that fails to load is reported once, by the two request handlers below)
    page.on('console', lambda m: m.type == 'error' and not m.text.startswith('Failed to load resource')
            and log['console'].append(
        f'console error: {m.text[:160]} ({m.location.get("url", "").replace(base, "")})'))
    page.on('pageerror', lambda e: log['console'].append(f'script error: {str(e)[:160]}'))
    page.on('requestfailed', lambda r: r.url.startswith(base) and log['requests'].append(
        f'request failed: {r.url.replace(base, "")} ({r.failure})'))
    page.on('response', lambda r: r.status >= 400 and log['requests'].append(
        f'HTTP {r.status}: {r.url.replace(base, "")}'))
    # Nothing but the site: a page that asks a CDN or any other host for something fails
    # (Chromium is started so that other hosts do not resolve; see NO_OTHER_HOSTS).
    page.on('request', lambda r: not r.url.startswith((base, 'data:', 'blob:', 'about:')) and
            log['requests'].append(f'request to another host: {r.url[:120]}'))
    page.goto(base + name, wait_until='load', timeout=60000)
    log['mathjax'] = page.evaluate(WAIT_FOR_MATHJAX)
    return page, page.evaluate(INSPECT), log


def check_links(results, site, base):
    "Problems with internal links, by page: missing targets and anchors."
    ids = {name: set(seen['ids']) for name, (seen, _) in results.items()}
    problems = {name: [] for name in results}
    for name, (seen, _) in results.items():
        for link in seen['links']:
            url = urlsplit(link['url'])
            if not link['url'].startswith(base) or link['href'].strip() in ('', '#'): continue
            path = unquote(url.path).lstrip('/') or 'index.html'
            if path.endswith('/'): path += 'index.html'
            target = site/path
            if not target.is_file():
                problems[name].append(f'broken link {link["href"]} (no {path})')
                continue
            if url.fragment:
                if path not in ids:
                    parser = IdParser()
                    parser.feed(target.read_text(encoding='utf-8', errors='replace'))
                    ids[path] = parser.ids
                if url.fragment not in ids[path] and unquote(url.fragment) not in ids[path]:
                    problems[name].append(f'broken link {link["href"]} (no anchor #{unquote(url.fragment)} in {path})')
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--site', default=str(ROOT/'_site'), help='the site folder (default: _site)')
    ap.add_argument('--screenshots', default=None, help='folder for the screenshots (default: SITE/screenshots)')
    ap.add_argument('--build', action='store_true', help='build the site first with tools/build_docs.py')
    ap.add_argument('--nbs', default=None, help='notebook folder (default: nbs_path in settings.ini)')
    ap.add_argument('--chromium', default=CHROMIUM, help=f'the browser (default: {CHROMIUM})')
    args = ap.parse_args()
    start = time.perf_counter()

    if not Path(args.chromium).is_file():
        print(f'check_docs: no Chromium at {args.chromium}. Install it with `apt-get install chromium` '
              f'(as root; `sudo apt-get install -y chromium` otherwise), or pass --chromium PATH.',
              file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print('check_docs: the Python package playwright is missing; it is in the dev requirements: '
              '`pip install -e ".[dev]"` (no `playwright install` needed: Chromium comes from apt).',
              file=sys.stderr)
        return 2

    cfg = configparser.ConfigParser()
    cfg.read(ROOT/'settings.ini')
    nbs = Path(args.nbs) if args.nbs else ROOT/cfg['DEFAULT'].get('nbs_path', 'nbs')
    site = Path(args.site).resolve()
    if args.build:
        sys.path.insert(0, str(TOOLS))
        import build_docs
        build_docs.build(site, nbs)
    if not (site/'index.html').is_file():
        print(f'check_docs: no site in {site}; build it with tools/build_docs.py or pass --build', file=sys.stderr)
        return 2
    shots = Path(args.screenshots) if args.screenshots else site/'screenshots'
    shots.mkdir(parents=True, exist_ok=True)

    expected = notebook_pages(nbs)
    names = list(expected) + sorted(p.name for p in site.glob('*.html') if p.name not in expected)
    server, base = serve(site)
    results, report, shot_files, seconds = {}, {}, [], {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, headless=True,
                                         args=CHROMIUM_ARGS + [NO_OTHER_HOSTS])
            context = browser.new_context(viewport={'width': 1280, 'height': 900}, device_scale_factor=1)
            for name in names:
                if not (site/name).is_file():
                    report[name] = ['page missing from the site']
                    continue
                t0 = time.perf_counter()
                try:
                    page, seen, log = visit(context, base, name)
                except Exception as e:  # a page that cannot be opened is a failed page, not a crash
                    report[name] = [f'could not open: {str(e).splitlines()[0][:200]}']
                    continue
                facts = notebook_facts(expected[name]) if name in expected else None
                report[name] = problems_of(name, seen, facts, log)
                results[name] = (seen, log)
                if name in SCREENSHOT_PAGES:
                    file = shots/(Path(name).stem + '.png')
                    page.screenshot(path=str(file), full_page=True)
                    shot_files.append(file)
                page.close()
                seconds[name] = time.perf_counter() - t0
            browser.close()
    finally:
        server.shutdown()

    for name, problems in check_links(results, site, base).items():
        report[name] += problems
    failed = 0
    for name in names:
        problems = list(dict.fromkeys(report[name]))  # each problem once, in order
        failed += bool(problems)
        took = f' ({seconds[name]:.1f} s)' if name in seconds else ''
        print(f'{name}: OK{took}' if not problems else f'{name}: FAIL{took} {len(problems)} problem{"s" if len(problems) > 1 else ""}: ' + ' | '.join(problems), flush=True)
    for name in SCREENSHOT_PAGES:
        if name not in results:
            print(f'no screenshot of {name}: ' + ('the page could not be opened' if (site/name).is_file() else 'no such page'))
    print(f'screenshots: {", ".join(str(f) for f in shot_files) or "none"}')
    print(f'{len(names)} pages checked, {len(names) - failed} OK, {failed} failed, in {time.perf_counter() - start:.0f} s')
    return 1 if failed or len(shot_files) < len(SCREENSHOT_PAGES) else 0


if __name__ == '__main__':
    sys.exit(main())
