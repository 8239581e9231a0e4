#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh - run each fuzzer for SECONDS (default 600) on a copy of its seed
# corpus; findings land in fuzz/findings/.  Usage: fuzz/run.sh [SECONDS]
# [FUZZER...]; run from a build configured with CC=clang --enable-fuzzing.
set -eu
secs=${1:-600}
[ $# -gt 0 ] && shift
src=$(cd "$(dirname "$0")" && pwd)
for f in ${*:-parse wrap search rules config markup view}; do
	work=fuzz/work/$f
	mkdir -p "$work" fuzz/findings
	cp -n "$src/corpus/$f"/* "$work"/ 2>/dev/null || true
	TNEWS_DATADIR="$src/../data" "./fuzz/fuzz_$f" -max_total_time="$secs" \
		-artifact_prefix=fuzz/findings/"$f"- -print_final_stats=1 "$work" \
		2>&1 | tail -25
done
