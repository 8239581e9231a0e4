#!/bin/sh
# SPDX-License-Identifier: MIT
# The trainer: on the project's own labelled fixtures it writes a model
# that tnews loads, and that model strips the sample's furniture and keeps
# its text (in sample: what it learned, it knows).
: "${TNEWS:?}" "${TNEWS_DATADIR:?}" "${TOP_SRCDIR:?}" "${TRAIN:?}"
command -v python3 >/dev/null || exit 77
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0
check() {
	if eval "$2"; then passes=$((passes + 1)); else echo "FAIL: $1"; fails=$((fails + 1)); fi
}

mkdir -p "$tmp/data"
python3 "$TOP_SRCDIR/tools/labels.py" "$tmp/no-shared" "$tmp/lab" "$TOP_SRCDIR/tests/data" 2>/dev/null
check "labels for the fixtures" '[ "$(wc -l <"$tmp/lab/list.tsv")" -ge 6 ]'
"$TRAIN" --rules "$TNEWS_DATADIR/furniture.rules" --list "$tmp/lab/list.tsv" \
	--out "$tmp/data/lines.model" >"$tmp/out" 2>"$tmp/err"
check "trainer writes a model" '[ -s "$tmp/data/lines.model" ] && head -1 "$tmp/data/lines.model" | grep -qx tnews-line-model1'
check "trainer reports in-sample scores" 'grep -q "starts sample" "$tmp/out"'
cp "$TNEWS_DATADIR/furniture.rules" "$tmp/data/"
TNEWS_DATADIR="$tmp/data" "$TNEWS" --json --no-cache --no-state "$TNEWS_DATADIR/sample.txt" >"$tmp/json" 2>"$tmp/err"
check "tnews loads the trained model" '[ -s "$tmp/json" ] && ! [ -s "$tmp/err" ]'
# the sample's labelled furniture, and what the trained model stripped
python3 - "$TOP_SRCDIR/tests/data/sample.truth.json" "$tmp/json" >"$tmp/score" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
want = {l for ls in truth["stripped"].values() for l in ls}
got = json.load(open(sys.argv[2]))
stripped = {x["line"] for s in got["stories"] for x in s["stripped"]}
kept_long = all(len(p["text"].split()) < 25 or p["line"] not in stripped
                for s in got["stories"] for p in s["paragraphs"])
print(len(want & stripped), len(want), len(stripped - want), int(kept_long))
PY
read hit all extra kept <"$tmp/score"
check "trained model strips the sample's furniture ($hit of $all)" '[ "$hit" -ge $((all * 9 / 10)) ]'
check "and little else ($extra)" '[ "$extra" -le 3 ]'
check "and no long line" '[ "$kept" -eq 1 ]'
# The line model's folds are of groups of pages: a page found in two
# streams, and two pages sharing two short furniture lines (one site),
# are one group; one shared line ("Advertisement") is not enough.
mkdir -p "$tmp/shared/corpus/pages"
para() { echo "The $1 council met on $2 to talk about the harbour, the roads and the budget for the coming year."; }
page() { # site-or-none name: two chrome lines for a site, then three paragraphs
	[ "$1" = none ] || printf 'Sign in to %s\n%s home\n' "$1" "$1"
	for d in Monday Tuesday Wednesday; do para "$2" "$d"; done
}
{ page Xnews alpha; page none beta; echo Advertisement; page none gamma; } >"$tmp/shared/corpus/pages/dev001.txt"
{ page none beta; page Xnews delta; echo Advertisement; page none omega; } >"$tmp/shared/corpus/pages/dev002.txt"
echo '{"starts": [1, 6, 9], "stripped": [{"line": 1, "kind": "chrome"}, {"line": 2, "kind": "chrome"}, {"line": 9, "kind": "chrome"}]}' \
	>"$tmp/shared/corpus/pages/dev001.truth.json"
echo '{"starts": [1, 4, 9], "stripped": [{"line": 4, "kind": "chrome"}, {"line": 5, "kind": "chrome"}, {"line": 9, "kind": "chrome"}]}' \
	>"$tmp/shared/corpus/pages/dev002.truth.json"
python3 "$TOP_SRCDIR/tools/labels.py" "$tmp/shared" "$tmp/plab" "$TOP_SRCDIR/tests/data" 2>/dev/null
"$TRAIN" --rules "$TNEWS_DATADIR/furniture.rules" --list "$tmp/plab/list.tsv" --cv-lines >"$tmp/pout" 2>"$tmp/perr"
check "pages grouped for the folds ($(grep -o '[0-9]* pages in [0-9]* groups' "$tmp/perr"))" \
	'grep -q "6 pages in 4 groups" "$tmp/perr"'
check "cross-validated on them" 'grep -q "pages, 5 folds held out" "$tmp/pout"'
# Folds over every source (TNEWS_TRAIN_FOLDALL): each source's figures
# pooled over the five folds, with no source held out whole.
TNEWS_TRAIN_FOLDALL=1 TNEWS_TRAIN_HOLDOUT=folds "$TRAIN" --rules "$TNEWS_DATADIR/furniture.rules" \
	--list "$tmp/lab/list.tsv" --cv >"$tmp/fout" 2>"$tmp/ferr"
check "folds of every source pooled" 'grep -q "^5 folds of all held out  starts sample" "$tmp/fout" && ! grep -q "^held-out source" "$tmp/fout"'
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
