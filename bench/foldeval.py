#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""foldeval.py - score story folding on streams with ref.json truth files
(the dev corpora's layout: stream_XX.txt and stream_XX.ref.json with
"starts" and "source").  Runs bench/foldeval on every stream of every DIR
together, maps each story found to the true story covering most of its
lines, and prints pair precision and recall (a true pair: two stories of
one source in different files), the folds of distinct stories, and the
estimated resemblance of true and false candidate pairs.
With --truth-seg, the
streams are cut at their true story starts (form feeds, explicit
segmentation), to measure folding apart from story finding.
Usage: foldeval.py [--truth-seg] FOLDEVAL DIR..."""
import glob, json, os, subprocess, sys, tempfile

def truth_of(txt):
    ref = json.load(open(txt[:-4] + '.ref.json'))
    starts, srcs, n = ref['starts'], ref['source'], ref['n_lines']
    spans = []
    for k, s in enumerate(starts):
        e = starts[k + 1] - 1 if k + 1 < len(starts) else n
        spans.append((s, e, srcs[k]))
    return spans

def truth_copy(f, tmp):
    """A copy of stream f with a form feed before each true story start,
    for measuring folding apart from story finding."""
    starts = set(s for s, e, so in truth_of(f))
    name = os.path.join(tmp, f.replace('/', '_'))
    with open(f) as src, open(name, 'w') as dst:
        for k, line in enumerate(src, 1):
            dst.write(('\f' if k in starts and k > 1 else '') + line)
    return name

def main():
    args = sys.argv[1:]
    truthseg = args[0] == '--truth-seg'
    if truthseg:
        args = args[1:]
    tool, dirs = args[0], args[1:]
    files = sorted(f for d in dirs for f in glob.glob(os.path.join(d, 'stream_*.txt')))
    truth = {f: truth_of(f) for f in files}
    run = files
    if truthseg:
        tmp = tempfile.mkdtemp()
        run = [truth_copy(f, tmp) for f in files]
        truth = {r: truth[f] for r, f in zip(run, files)}
    out = subprocess.run([tool] + (['-e'] if truthseg else []) + run,
                         capture_output=True, text=True, check=True).stdout
    stories, pairs = [], []
    for line in out.splitlines():
        p = line.split(' ')
        if p[0] == 'S':
            i, f, a, b, g = int(p[1]), p[2], int(p[3]), int(p[4]), int(p[5])
            best, src = 0, None
            for s, e, so in truth[f]:
                ov = min(b, e) - max(a, s) + 1
                if ov > best:
                    best, src = ov, so
            stories.append((f, src if best * 2 >= b - a + 1 else None, g))
        elif p[0] == 'P':
            pairs.append((int(p[1]), int(p[2]), float(p[3]), float(p[4]), int(p[5]),
                          float(p[6]), float(p[7])))
    n = len(stories)
    tp = fp = fn = 0
    false_folds = []
    for i in range(n):
        for j in range(i + 1, n):
            fi, si, gi = stories[i]
            fj, sj, gj = stories[j]
            if si is None or sj is None:
                if gi == gj:
                    false_folds.append((i, j, si, sj))
                    fp += 1
                continue
            true = si == sj and fi != fj
            same_file_same = si == sj and fi == fj
            if same_file_same:
                continue
            if gi == gj and true:
                tp += 1
            elif gi == gj:
                fp += 1
                false_folds.append((i, j, si, sj))
            elif true:
                fn += 1
                print('missed', i, j, si, fi, fj)
    print('stories %d, true pairs %d, folded pairs %d' % (n, tp + fn, tp + fp))
    print('precision %.4f recall %.4f' % (tp / (tp + fp) if tp + fp else 1,
                                          tp / (tp + fn) if tp + fn else 1))
    for ff in false_folds:
        print('false fold', ff, stories[ff[0]][0], stories[ff[1]][0])
    seen = {}
    for i, j, r, c, s, er, ec in pairs:
        seen[(i, j)] = (r, c, s, er, ec)
    tv = [v for (i, j), v in seen.items() if stories[i][1] and stories[i][1] == stories[j][1]]
    fv = [v for (i, j), v in seen.items() if not (stories[i][1] and stories[i][1] == stories[j][1])]
    print('candidates: %d true, %d other' % (len(tv), len(fv)))
    print('true min est-res %.3f est-cont %.3f exact-res %.3f' % (
        min([v[0] for v in tv] or [0]), min([v[1] for v in tv] or [0]), min([v[3] for v in tv] or [0])))
    top = sorted(fv, key=lambda v: -v[0])[:8]
    print('other top est (res, cont, folded, exact res, exact cont):')
    for v in top:
        print('  %.3f %.3f %d %.3f %.3f' % v)
    top = sorted(fv, key=lambda v: -v[4])[:5]
    print('other top exact cont:')
    for v in top:
        print('  %.3f %.3f %d %.3f %.3f' % v)

main()
