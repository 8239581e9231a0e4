#!/bin/sh
# SPDX-License-Identifier: MIT
# tools/shortgen.py on made-up articles: each story of a stream is the
# first paragraphs of one article, starting at its lede, and the truth
# says where; the similar order puts articles of one subject together;
# the sentence form splits sentences but not after "Mr."; an article not
# in English is left out; the same seed gives the same streams; and
# labels.py (asked with TNEWS_LABELS_SHORT=1) hands the streams to the
# trainer as source short, every line "either" (no line-model labels).
: "${TOP_SRCDIR:?}"
command -v python3 >/dev/null || exit 77
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 - "$TOP_SRCDIR/tools" "$tmp" <<'PY'
import json, os, subprocess, sys
tools, tmp = sys.argv[1], sys.argv[2]
sys.path.insert(0, tools)
import shortgen

fails = 0
def check(what, ok):
    global fails
    if not ok:
        fails += 1
        print('FAIL: ' + what)

# 24 articles on two subjects (harbour / orchard), alternating, each with a
# lede naming its number, then seven paragraphs of about 30 words
subj = {'h': 'harbour ferries dockers cranes tides quay moorings', 'o': 'orchard apples pickers blossom cider ladders frost'}
bodies = {}
for i in range(24):
    s = 'ho'[i % 2]
    w = subj[s].split()
    paras = ['Lede%d of the %s story: Mr. J. Quill said the %s were ready on Tuesday for the %s and the %s season.' % (i, s, w[0], w[1], w[2])]
    for j in range(7):
        paras.append('Para%d.%d goes on about the %s, the %s and the %s near the %s. It adds that the %s and %s matter to everyone who lives in the town this year.' % (i, j, w[j % 7], w[(j + 1) % 7], w[(j + 2) % 7], w[(j + 3) % 7], w[(j + 4) % 7], w[(j + 5) % 7]))
    bodies['a%02d' % i] = {'articleBody': '\n\n'.join(paras)}
bodies['zz'] = {'articleBody': '\n\n'.join(['Lede99 Dies ist kein englischer Artikel, und er wird nicht verwendet, weil seine Wörter keine englischen sind.'] +
                                          ['Absatz %d ohne englische Wörter hier und dort, mit Häfen, Kränen und Fähren im Winter des Jahres.' % j for j in range(6)])}

stems = shortgen.generate(bodies, os.path.join(tmp, 'a'), 7)
forms = sorted({os.path.basename(s).rsplit('_', 1)[0] for s in stems})
check('four forms (%s)' % forms, forms == ['para-mixed', 'para-same', 'sent-mixed', 'sent-same'])
for form in forms:
    seen, switches, nstories, cut = [], 0, 0, 0
    for st in stems:
        if os.path.basename(st).rsplit('_', 1)[0] != form:
            continue
        lines = open(st + '.txt', encoding='utf-8').read().split('\n')
        check(form + ' ends with a newline', lines[-1] == '')
        lines = lines[:-1]
        t = json.load(open(st + '.ref.json'))
        check(form + ' n_lines', t['n_lines'] == len(lines))
        starts = t['starts']
        check(form + ' first start is line 1', starts[:1] == [1])
        ledes = [i + 1 for i, l in enumerate(lines) if l.startswith('Lede')]
        check('%s starts at the ledes (%s / %s)' % (form, starts, ledes), starts == ledes)
        for a, b in zip(starts, starts[1:] + [len(lines) + 1]):
            body = lines[a - 1:b - 1]
            n = int(body[0][4:body[0].index(' ')])
            check(form + ' a story is one article', all(x.startswith(('Para%d.' % n, 'It adds', 'Lede')) for x in body))
            paras = sum(x.startswith(('Lede', 'Para')) for x in body)
            check(form + ' two paragraphs or more', paras >= 2)
            cut += paras < 8
            seen.append(n)
            nstories += 1
        subjects = [x.split()[3] for x in lines if x.startswith('Lede')]
        switches += sum(p != q for p, q in zip(subjects, subjects[1:]))
    check(form + ' each English article once', sorted(seen) == list(range(24)))
    check('%s: most stories cut short (%d of %d)' % (form, cut, nstories), cut >= nstories * 3 // 4)
    if form.endswith('same'):
        check('%s: similar articles together (%d switches)' % (form, switches), switches <= 1)
    else:
        check('%s: random order mixes subjects (%d switches)' % (form, switches), switches >= 4)
sent = open(os.path.join(tmp, 'a', 'sent-mixed_00.txt'), encoding='utf-8').read()
check('sentence form: a sentence a line', '\nIt adds that' in sent)
check('sentence form: no split after Mr. or an initial', 'Mr.\n' not in sent and 'Mr. J. Quill' in sent)
para = open(os.path.join(tmp, 'a', 'para-mixed_00.txt'), encoding='utf-8').read()
check('paragraph form keeps sentences together', '\nIt adds' not in para)

again = shortgen.generate(bodies, os.path.join(tmp, 'b'), 7)
check('same seed, same streams', all(open(x + '.txt').read() == open(y + '.txt').read() for x, y in zip(stems, again)))

# labels.py: the streams come to the trainer as source short, lines "either"
os.makedirs(os.path.join(tmp, 'shared', 'corpus', 'html'))
json.dump(bodies, open(os.path.join(tmp, 'shared', 'corpus', 'html', 'gold.json'), 'w'))
subprocess.run([sys.executable, os.path.join(tools, 'labels.py'), os.path.join(tmp, 'shared'),
                os.path.join(tmp, 'nolab')], check=True, stderr=subprocess.DEVNULL)
check('labels.py: no made streams unless asked', open(os.path.join(tmp, 'nolab', 'list.tsv')).read() == '')
subprocess.run([sys.executable, os.path.join(tools, 'labels.py'), os.path.join(tmp, 'shared'),
                os.path.join(tmp, 'lab')], check=True, stderr=subprocess.DEVNULL,
               env=dict(os.environ, TNEWS_LABELS_SHORT='1'))
rows = [l.split('\t') for l in open(os.path.join(tmp, 'lab', 'list.tsv')).read().splitlines()]
short = [r for r in rows if r[0] == 'short']
check('labels.py lists the streams (%d)' % len(short), len(short) == len(stems) and len(rows) == len(stems))
lab = open(short[0][2]).read().split('\n')[:-1]
t = json.load(open(short[0][1][:-4] + '.ref.json'))
check('labels: every line either', all(l.split()[0] == 'either' for l in lab))
check('labels: the starts', [i + 1 for i, l in enumerate(lab) if l.endswith(' 1')] == t['starts'])
print('shortgen: %d failed' % fails)
sys.exit(1 if fails else 0)
PY
