#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Score tnews on the shared corpora laid out as other dumps are.

  layouts.py [--seed-only] TNEWS SHARED [OUT]

Writes copies of the seed, the BBC and wire dev streams and the pages
under OUT (default /tmp/tnews-layouts; never into the project: the text
is the publishers') in each layout a saved dump may come in -- CRLF line
ends, double spacing, hard wrapping at 72 columns with a blank line
after each paragraph or none, no-break spaces for every space, ASCII
quotes and dashes -- with the story starts (and the pages' furniture
lines, where lines map one to one) moved to the new line numbers, then
runs ../shared/tools/segscore.py and pagescore.py on each and prints one
line a layout and set (--seed-only: the seed alone, quick, for the
tests).  The aim: every layout scores as the plain dump.
"""
import json, os, subprocess, sys, textwrap

SETS = ['seed', 'dev/mixed', 'dev/same', 'dev/mixed-sent', 'dev/same-sent',
        'dev/wire-mixed', 'dev/wire-same', 'pages']
ASCII = {'\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
         '\u2013': '-', '\u2014': '--', '\u2026': '...'}


def wrap(line):
    """A line wrapped greedily at 72 columns, as a text browser would."""
    if not line.strip():
        return ['']
    return textwrap.wrap(line, 72, break_long_words=False, break_on_hyphens=False) or ['']


def lay(lines, how):
    """The lines in layout how, and where each old line begins (1-based)."""
    out, at = [], {}
    for i, line in enumerate(lines, 1):
        at[i] = len(out) + 1
        if how == 'double':
            out += [line, '']
        elif how == 'wrap-blank':
            out += wrap(line) + ['']
        elif how == 'wrap':
            out += wrap(line)
        elif how == 'nbsp':
            out.append(line.replace(' ', '\u00a0'))
        elif how == 'ascii':
            for a, b in ASCII.items():
                line = line.replace(a, b)
            out.append(line)
        else:
            out.append(line)
    return out, at


def truth_of(src, stem, setname):
    """The starts (and furniture lines) of a file, as {'starts', 'stripped'}."""
    if setname == 'seed':
        t = json.load(open(os.path.join(src, stem + '.truth.json')))
        return {'starts': t['story_starts']}
    ref = json.load(open(os.path.join(src, stem + '.ref.json')))
    out = {'starts': ref['starts']}
    tp = os.path.join(src, stem + '.truth.json')
    if os.path.exists(tp):
        out['stripped'] = json.load(open(tp))['stripped']
    return out


def write_set(shared, setname, how, dest):
    """Write one set in layout how into dest."""
    src = os.path.join(shared, 'corpus', setname)
    os.makedirs(dest, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if not name.endswith('.txt'):
            continue
        stem = name[:-4]
        lines = open(os.path.join(src, name), encoding='utf-8').read().split('\n')
        if lines and lines[-1] == '':
            lines.pop()
        new, at = lay(lines, how)
        eol = '\r\n' if how == 'crlf' else '\n'
        with open(os.path.join(dest, name), 'w', encoding='utf-8', newline='') as f:
            f.write(eol.join(new) + eol)
        t = truth_of(src, stem, setname)
        starts = [at[s] for s in t['starts']]
        json.dump({'starts': starts, 'n_lines': len(new)},
                  open(os.path.join(dest, stem + '.ref.json'), 'w'))
        if 'stripped' in t and how not in ('wrap', 'wrap-blank'):
            json.dump({'starts': starts,
                       'stripped': [dict(x, line=at[x['line']]) for x in t['stripped']]},
                      open(os.path.join(dest, stem + '.truth.json'), 'w'))


def last_line(cmd):
    """The last line a scorer prints."""
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return out.stdout.strip().split('\n')[-1]


def main(argv):
    seed_only = '--seed-only' in argv
    argv = [a for a in argv if a != '--seed-only']
    if len(argv) < 2:
        print(__doc__.strip().split('\n')[2].strip(), file=sys.stderr)
        return 2
    tnews, shared = argv[0], argv[1]
    out = argv[2] if len(argv) > 2 else '/tmp/tnews-layouts'
    tools = os.path.join(shared, 'tools')
    for how in ['plain', 'crlf', 'double', 'wrap-blank', 'wrap', 'nbsp', 'ascii']:
        groups = [('seed', ['seed']), ('bbc', SETS[1:5]), ('wire', SETS[5:7])]
        for group, sets in groups[:1] if seed_only else groups:
            dirs = []
            for s in sets:
                d = os.path.join(out, how, s.replace('dev/', ''))
                write_set(shared, s, how, d)
                dirs.append(d)
            print('%-10s %-5s %s' % (how, group,
                  last_line(['python3', os.path.join(tools, 'segscore.py'), tnews] + dirs)))
        if seed_only:
            continue
        d = os.path.join(out, how, 'pages')
        write_set(shared, 'pages', how, d)
        if how in ('crlf', 'nbsp', 'ascii', 'plain'):	# lines map one to one
            print('%-10s %-5s %s' % (how, 'pages', last_line(
                ['python3', os.path.join(tools, 'pagescore.py'), tnews, d])))
        else:	# pagescore would count the blank lines as text: starts as the plain dump's?
            same, n = same_starts(tnews, os.path.join(shared, 'corpus', 'pages'), d, how)
            print('%-10s %-5s the plain dump\'s story starts in %d of %d streams' %
                  (how, 'pages', same, n))
    return 0


def starts_of(tnews, path):
    """The first lines of the stories tnews finds in path."""
    out = subprocess.run([tnews, '--json', '--no-state', '--no-cache', path],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return [s['first_line'] for s in json.loads(out.stdout)['stories']]


def same_starts(tnews, plain_dir, lay_dir, how):
    """In how many of the streams tnews finds the plain dump's starts."""
    same = n = 0
    for name in sorted(os.listdir(plain_dir)):
        if not name.endswith('.txt'):
            continue
        lines = open(os.path.join(plain_dir, name), encoding='utf-8').read().split('\n')
        if lines and lines[-1] == '':
            lines.pop()
        _, at = lay(lines, how)
        n += 1
        same += [at[s] for s in starts_of(tnews, os.path.join(plain_dir, name))] == \
            starts_of(tnews, os.path.join(lay_dir, name))
    return same, n


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
