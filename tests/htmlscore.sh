#!/bin/sh
# SPDX-License-Identifier: MIT
# htmlscore.sh - the article extraction against the human-extracted bodies
# of ../shared/corpus/html (scrapinghub's benchmark): F1 at least 0.93.
# Skipped (77) where the shared corpus or python3 is absent.
set -u
: "${TNEWS:?}" "${TOP_SRCDIR:?}"
shared=${TNEWS_SHARED:-$TOP_SRCDIR/../shared}
[ -f "$shared/tools/htmlscore.py" ] && [ -f "$shared/corpus/html/gold.json" ] || exit 77
command -v python3 >/dev/null || exit 77
out=$(XDG_STATE_HOME=/nonexistent nice python3 "$shared/tools/htmlscore.py" "$TNEWS" "$shared/corpus/html" | tail -n 1)
echo "$out"
f1=$(printf '%s\n' "$out" | sed -n 's/.* F1=\([0-9.]*\) .*/\1/p')
[ -n "$f1" ] && awk -v f="$f1" 'BEGIN { exit !(f >= 0.93) }'
