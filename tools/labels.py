#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn the labelled corpora into the trainer's line labels.

  labels.py SHARED OUTDIR [PROJECT_TESTDATA]

A SHARED without the corpora gives only the project's own documents.

Writes OUTDIR/NAME.lab (one row per physical line: KIND START, KIND one of
paragraph heading image credit chrome either furniture) and OUTDIR/list.tsv
(SOURCE, text path, label path), for tools/train.  Sources: pages (real
scraped pages, by stream), bbc and wire (the dev streams, whose inserted
furniture has no kind: "furniture"), seed, and the project's own sample.
"""
import json, os, sys


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
    with open(os.path.join(outdir, 'list.tsv'), 'w') as f:
        for src, stem, txt, lab in rows:
            f.write('%s\t%s\t%s\n' % (src, os.path.abspath(txt), os.path.abspath(lab)))
    print('%d documents' % len(rows), file=sys.stderr)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
