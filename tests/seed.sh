#!/bin/sh
# SPDX-License-Identifier: MIT
# seed.sh - the real seed dump parses to its truth (skipped without ../shared).
: "${TNEWS:?}" "${TOP_SRCDIR:?}"
shared="$TOP_SRCDIR/../shared"
[ -f "$shared/tools/seedcheck.py" ] || { echo "no ../shared: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
python3 "$shared/tools/seedcheck.py" "$TNEWS"
