#!/bin/sh
# SPDX-License-Identifier: MIT
# run.sh - benchmark tnews on generated dumps of 1, 10 and 100 MB (--list
# with and without --latest: the cost of folding), next to
# wc -w and grep on the same files.  Usage: bench/run.sh [TNEWS] [SIZES...]
set -eu
tnews=${1:-src/tnews}
[ $# -gt 0 ] && shift
sizes=${*:-1 10 100}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/tnews-bench}
gen=${GENDUMP:-bench/gendump}
mkdir -p "$dir"

runs=${BENCH_RUNS:-3}

# secs N CMD...: run CMD N times with output to a scratch file (not
# /dev/null, where GNU grep stops at the first match); print the best
# wall seconds and that run's peak KiB (a shared machine is noisy: the
# fastest run is the one least disturbed).
secs() {
	n=$1 best=
	shift
	while [ "$n" -gt 0 ]; do
		/usr/bin/time -f '%e %M' -o "$dir/time" "$@" >"$dir/out" 2>&1 || true
		read -r t m <"$dir/time"
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t peak=$m
		fi
		n=$((n - 1))
	done
	echo "$best $peak"
}

# The parse of tnews is timed without its cache (--no-cache) and then
# with it (the second run of the same file), next to wc -w; the
# peak memory next to the file's size.  Each is the best of BENCH_RUNS
# (3) runs but the first with the cache, which writes it.
printf '%-6s %-30s %8s %10s  %s\n' size command seconds peak_KiB "vs peer"
for mb in $sizes; do
	f="$dir/dump-$mb.txt"
	[ -s "$f" ] || "$gen" "$mb" >"$f"
	kib=$(( $(wc -c <"$f") / 1024 ))
	wc_s=
	for cmd in "wc -w" "grep -c -i -F minister" "grep -c -F T" \
		   "$tnews --no-cache --list" "$tnews --no-cache --list --latest" \
		   "$tnews --no-cache --json" "$tnews --list" "$tnews --list (cached)" \
		   "$tnews --list --latest (cached)"; do
		n=$runs
		case $cmd in "$tnews --list") n=1 ;; esac	# it writes the cache
		# shellcheck disable=SC2086
		set -- $(XDG_CACHE_HOME="$dir/cache" secs "$n" nice ${cmd% (cached)} "$f")
		[ -z "$wc_s" ] && wc_s=$1
		peer=$(awk -v t="$1" -v w="$wc_s" -v m="$2" -v k="$kib" \
			'BEGIN { if (w > 0) printf "%.1fx wc -w, ", t / w; printf "%.2fx the file", m / k }')
		printf '%-6s %-30s %8s %10s  %s\n' "${mb}MB" "$(basename "${cmd%% *}") ${cmd#* }" "$1" "$2" "$peer"
	done
	rm -rf "$dir/cache"
done

# Search as you type (bench/searchbench): per keystroke, next to grep.
sb=${SEARCHBENCH:-bench/searchbench}
if [ -x "$sb" ]; then
	for mb in $sizes; do
		printf '\n== search as you type, %s MB ==\n' "$mb"
		"$sb" "$dir/dump-$mb.txt" ${SEARCH_QUERIES:-minister harbour strike T}
	done
fi

# The reader as a person sees it (bench/screenbench): first screen in a
# pty at 80x24, scrolling, a page, a story change, peak memory.
scb=${SCREENBENCH:-bench/screenbench}
if [ -x "$scb" ]; then
	for mb in $sizes; do
		printf '\n== reader in a pty at 80x24, %s MB ==\n' "$mb"
		"$scb" "$tnews" "$dir/dump-$mb.txt"
	done
	# bytes per key on the seed next to less (issue 14: a one-line scroll
	# no more than less sends), when the shared corpus is beside the tree
	for seed in "${SEED_DIR:-$(dirname "$0")/../../shared/corpus/seed}"/*.txt; do
		[ -f "$seed" ] || continue
		printf '\n== reader in a pty at 80x24, the seed, next to less ==\n'
		"$scb" "$tnews" "$seed"
	done
fi

# The state with a million read marks (bench/statebench): opening it next
# to an empty one, and the bytes one mark's save writes (tin appends to
# its newsrc: a line).
stb=${STATEBENCH:-bench/statebench}
if [ -x "$stb" ]; then
	printf '\n== state with many read marks ==\n'
	mkdir -p "$dir/state"
	nice "$stb" "$dir/state" ${STATE_MARKS:-1000000}
fi

# Following a growing dump (bench/followbench): from an append to the new
# story on the screen, next to the dump replaced and read again whole.
fb=${FOLLOWBENCH:-bench/followbench}
if [ -x "$fb" ]; then
	for mb in $sizes; do
		printf '\n== follow: append to screen, %s MB ==\n' "$mb"
		"$fb" "$tnews" "$dir/dump-$mb.txt"
	done
fi
