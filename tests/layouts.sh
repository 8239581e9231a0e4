#!/bin/sh
# SPDX-License-Identifier: MIT
# layouts.sh - the real seed dump, laid out as other saved dumps are (CRLF,
# double-spaced, hard-wrapped with and without blank lines, no-break
# spaces, ASCII quotes), still gives its four stories at their starts
# (skipped without ../shared).
: "${TNEWS:?}" "${TOP_SRCDIR:?}"
shared="$TOP_SRCDIR/../shared"
[ -f "$shared/tools/segscore.py" ] || { echo "no ../shared: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
python3 "$TOP_SRCDIR/tools/layouts.py" --seed-only "$TNEWS" "$shared" "$tmp" >"$tmp/out" || exit 1
cat "$tmp/out"
[ "$(grep -c ' seed ' "$tmp/out")" -eq 7 ] || { echo "FAIL: not every layout scored"; exit 1; }
if grep ' seed ' "$tmp/out" | grep -v 'Pk=0.000 .*found=4 true=4'; then
	echo "FAIL: a layout of the seed lost its stories"
	exit 1
fi
exit 0
