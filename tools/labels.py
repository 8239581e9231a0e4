#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn the labelled corpora into the trainer's line labels.

  labels.py SHARED OUTDIR [PROJECT_TESTDATA]

A SHARED without the corpora gives only the project's own documents.

Writes OUTDIR/NAME.lab (one row per physical line: KIND START, KIND one of
paragraph heading image credit chrome either furniture) and OUTDIR/list.tsv
(SOURCE, text path, label path), for tools/train.  Sources: pages (real
scraped pages, by stream), bbc and wire (the dev streams, whose inserted
furniture has no kind: "furniture"), seed, the project's own sample, and
with TNEWS_LABELS_SHORT=1, short: streams of short stories back to back
made by tools/shortgen.py from corpus/html's article bodies (written in
OUTDIR/short), for the segmenter only (every line "either", so the line
model learns nothing from them).  Not by default: measured, they did not
yet pay (see tools/shortgen.py).
"""
import json, os, sys

import shortgen


def count_lines(path):
    with open(path, 'rb') as f:
        data = f.read()
    n = data.count(b'\n')
    return n + (1 if data and not data.endswith(b'\n') else 0)


def write(outdir, name, txt, kinds, starts, either=()):
    n = count_lines(txt)
    lab = os.path.join(outdir, name + '.lab')
    with open(lab, 'w') as f:
        for i in range(1, n + 1):
            k = 'either' if i in either else kinds.get(i, 'paragraph')
            f.write('%s %d\n' % (k, 1 if i in starts else 0))
    return lab


def short_rows(shared, outdir):
    """Streams of short stories back to back made from the article bodies
    of corpus/html (tools/shortgen.py), source short: their starts teach the
    segmenter, their lines (all "either") not the line model."""
    gold = os.path.join(shared, 'corpus', 'html', 'gold.json')
    if not os.path.exists(gold):
        return []
    with open(gold, encoding='utf-8') as f:
        bodies = json.load(f)
    rows = []
    for stem in shortgen.generate(bodies, os.path.join(outdir, 'short')):
        with open(stem + '.ref.json') as f:
            t = json.load(f)
        name = os.path.basename(stem)
        either = set(range(1, t['n_lines'] + 1))
        rows.append(('short', name, stem + '.txt',
                     write(outdir, 'short-' + name, stem + '.txt', {}, set(t['starts']), either)))
    return rows


def main(argv):
    shared, outdir = argv[0], argv[1]
    testdata = argv[2] if len(argv) > 2 else None
    os.makedirs(outdir, exist_ok=True)
    rows = []
    pages = os.path.join(shared, 'corpus', 'pages')
    for fn in sorted(os.listdir(pages)) if os.path.isdir(pages) else []:
        if not fn.endswith('.truth.json'):
            continue
        stem = fn[:-11]
        t = json.load(open(os.path.join(pages, fn)))
        txt = os.path.join(pages, stem + '.txt')
        kinds = {x['line']: x['kind'] for x in t['stripped']}
        rows.append(('pages', stem, txt, write(outdir, 'pages-' + stem, txt, kinds, set(t['starts']))))
    dev = os.path.join(shared, 'corpus', 'dev')
    for sub in sorted(os.listdir(dev)) if os.path.isdir(dev) else []:
        d = os.path.join(dev, sub)
        if not os.path.isdir(d):
            continue
        src = 'wire' if sub.startswith('wire') else 'bbc'
        for fn in sorted(os.listdir(d)):
            if not fn.endswith('.ref.json'):
                continue
            stem = fn[:-9]
            t = json.load(open(os.path.join(d, fn)))
            txt = os.path.join(d, stem + '.txt')
            kinds = {i: 'furniture' for i in t.get('boilerplate', [])}
            rows.append((src, sub + '/' + stem, txt,
                         write(outdir, sub + '-' + stem, txt, kinds, set(t['starts']))))
    seeds = [(os.path.join(shared, 'corpus', 'seed'), 'seed')]
    if testdata:
        seeds.append((testdata, 'sample'))
    for d, src in seeds:
        for fn in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not fn.endswith('.truth.json'):
                continue
            t = json.load(open(os.path.join(d, fn)))
            if 'story_starts' not in t:
                continue
            stem = fn[:-11]
            txt = os.path.join(d, stem + '.txt')
            if not os.path.exists(txt):
                txt = os.path.join(os.path.dirname(os.path.dirname(d)), 'data', stem + '.txt')
            if not os.path.exists(txt):
                continue
            kinds = {i: k for k, ls in t['stripped'].items() for i in ls}
            rows.append((src, stem, txt, write(outdir, src + '-' + stem, txt, kinds,
                                               set(t['story_starts']), set(t.get('either', [])))))
    if os.environ.get('TNEWS_LABELS_SHORT', '0') != '0':
        rows += short_rows(shared, outdir)
    with open(os.path.join(outdir, 'list.tsv'), 'w') as f:
        for src, stem, txt, lab in rows:
            f.write('%s\t%s\t%s\n' % (src, os.path.abspath(txt), os.path.abspath(lab)))
    print('%d documents' % len(rows), file=sys.stderr)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
