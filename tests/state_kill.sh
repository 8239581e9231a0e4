#!/bin/sh
# SPDX-License-Identifier: MIT
# state_kill.sh - kill (SIGKILL) a process in the middle of saving its
# read marks, many times: every time, the state file must be whole, hold
# every mark whose save had returned, and at most one temporary file may
# be left (the killed save's; the next open removes it).
set -u
helper=${TEST_STATE:-./tests/test_state}
[ -x "$helper" ] || { echo "SKIP: $helper not built"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
state=$tmp/tnews/state
fails=0
rounds=0
saved=0

for delay in 0.01 0.03 0.05 0.08 0.1 0.13 0.17 0.2 0.25 0.3 \
	     0.02 0.04 0.06 0.09 0.11 0.15 0.19 0.22 0.27 0.35; do
	"$helper" --stress "$state" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rounds=$((rounds + 1))
	if [ -s "$tmp/err" ]; then
		echo "FAIL: round $rounds: the writer said: $(cat "$tmp/err")"
		fails=$((fails + 1))
	fi
	n=$(tail -n 1 "$tmp/out" 2>/dev/null)
	case $n in '' | *[!0-9]*) n=0 ;; esac
	[ "$n" -gt "$saved" ] && saved=$n
	if [ -e "$state" ] && ! "$helper" --check "$state" "$saved" 2>"$tmp/cerr"; then
		echo "FAIL: round $rounds (killed after ${delay}s, $saved saved): $(cat "$tmp/cerr")"
		fails=$((fails + 1))
	fi
	temps=$(ls "$tmp/tnews" 2>/dev/null | grep -c '^state\.[A-Za-z0-9]\{6\}$')
	if [ "$temps" -gt 1 ]; then
		echo "FAIL: round $rounds: $temps temporary files left"
		fails=$((fails + 1))
	fi
done
if [ "$saved" -eq 0 ]; then
	echo "FAIL: no save finished in $rounds rounds"
	fails=$((fails + 1))
fi
head -n 1 "$state" | grep -qx 'tnews-state 1' || { echo "FAIL: bad header"; fails=$((fails + 1)); }
echo "$rounds kills, $saved marks saved, $fails failures"
[ "$fails" -eq 0 ]
