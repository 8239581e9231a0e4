#!/bin/sh
# SPDX-License-Identifier: MIT
# markup.sh - hostile pages and feeds: each must be refused or read within
# 2 s and 200 MB.  Usage: bench/markup.sh [TNEWS]; prints seconds and peak
# KiB of each and exits 1 if one is over.
set -eu
tnews=${1:-src/tnews}
src=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/tnews-bench}
mkdir -p "$dir"
export TNEWS_DATADIR="${TNEWS_DATADIR:-$src/data}"

# A 100 MB page of ordinary markup, a page just under the tag cap, and one
# nested 150,000 deep.
if [ ! -s "$dir/page-100mb.html" ]; then
	{ printf '<!DOCTYPE html><html><body>'
	  yes '<div class="a"><p>Some text of the article, with a comma.</p><a href="x">link</a></div>' |
		head -c 100000000
	  printf '</body></html>\n'; } >"$dir/page-100mb.html"
fi
{ printf '<!DOCTYPE html><html><body>'
  yes '<div class="a"><p>Some text of the article, with a comma.</p><a href="x">link</a></div>' |
	head -n 33000
  printf '</body></html>\n'; } >"$dir/page-cap.html"
{ printf '<!DOCTYPE html><html><body>'
  yes '<div>' | head -n 150000 | tr -d '\n'
  printf 'deep text, the only text on the page.\n'; } >"$dir/page-deep.html"

fail=0
printf '%-22s %8s %10s %s\n' input seconds peak_KiB exit
for f in "$src/tests/data/feed_laughs.xml" "$src/tests/data/feed_xxe.xml" \
	 "$dir/page-100mb.html" "$dir/page-cap.html" "$dir/page-deep.html"; do
	st=0
	/usr/bin/time -f '%e %M' -o "$dir/time" "$tnews" --list --no-state "$f" \
		>"$dir/out" 2>"$dir/err" || st=$?
	set -- $(tail -n 1 "$dir/time")
	printf '%-22s %8s %10s %s\n' "$(basename "$f")" "$1" "$2" "$st"
	awk -v s="$1" -v k="$2" 'BEGIN { exit !(s <= 2 && k <= 200 * 1024) }' || fail=1
done
exit $fail
