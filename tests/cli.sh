#!/bin/sh
# cli.sh - the command line as scripts use it: modes, errors, exit status.
set -u
: "${TNEWS:?}" "${TNEWS_DATADIR:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0

# check NAME COND: record a pass or a failure.
check() {
	if eval "$2"; then passes=$((passes + 1)); else
		echo "FAIL: $1"; fails=$((fails + 1)); fi
}

"$TNEWS" --help >"$tmp/out" 2>&1; st=$?
check "--help exits 0" '[ $st -eq 0 ]'
check "--help shows usage" 'grep -q "^Usage: tnews" "$tmp/out"'
check "--help lists --json" 'grep -q -- "--json" "$tmp/out"'
"$TNEWS" --version >"$tmp/out" 2>&1; st=$?
check "--version exits 0" '[ $st -eq 0 ]'
check "--version names tnews" 'grep -q "^tnews [0-9]" "$tmp/out"'
"$TNEWS" --bogus >"$tmp/out" 2>&1; st=$?
check "bad option exits 2" '[ $st -eq 2 ]'
"$TNEWS" --width=0 --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>&1; st=$?
check "bad width exits 2" '[ $st -eq 2 ] && grep -q "invalid width" "$tmp/out"'

# A missing file is reported and the others are still read.
printf 'A lone story about a harbour.\n' >"$tmp/one.txt"
"$TNEWS" --list "$tmp/missing.txt" "$tmp/one.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "missing file exits 2" '[ $st -eq 2 ]'
check "missing file message" 'grep -qx "tnews: $tmp/missing.txt: No such file or directory" "$tmp/err"'
check "other file still read" 'grep -q "A lone story about a harbour" "$tmp/out"'

# An empty file gives no stories and no error.
: >"$tmp/empty.txt"
"$TNEWS" --list "$tmp/empty.txt" >"$tmp/out" 2>&1; st=$?
check "empty file exits 0" '[ $st -eq 0 ] && [ ! -s "$tmp/out" ]'
"$TNEWS" --json "$tmp/empty.txt" >"$tmp/out" 2>&1
check "empty file JSON" '[ "$(tr -d "\n" <"$tmp/out")" = "{\"stories\":[]}" ]'

# A binary file is refused.
printf '\177ELF\002\001\001\000\000\000' >"$tmp/bin"
"$TNEWS" --list "$tmp/bin" >"$tmp/out" 2>"$tmp/err"; st=$?
check "binary exits 2" '[ $st -eq 2 ] && grep -q "binary file" "$tmp/err"'

# Standard input, named "-" or implied in a pipe.
printf 'Piped story one.\n' | "$TNEWS" --list - >"$tmp/out" 2>&1
check "stdin as -" 'grep -q "^1	-	1-1	Piped story one.$" "$tmp/out"'
printf 'Piped story two.\n' | "$TNEWS" >"$tmp/out" 2>&1; st=$?
check "pipe dumps by default" '[ $st -eq 0 ] && [ "$(cat "$tmp/out")" = "$(printf "Piped story two.\n\nPiped story two.")" ]'

# Each file starts its own story; --list numbers across files.
printf 'Second file story.\n' >"$tmp/two.txt"
"$TNEWS" --list "$tmp/one.txt" "$tmp/two.txt" >"$tmp/out"
check "stories from two files" '[ "$(cut -f1,3 "$tmp/out" | tr "\t\n" ":;")" = "1:1-1;2:1-1;" ]'

# --dump wraps within --width.
"$TNEWS" --dump --width 30 "$TNEWS_DATADIR/sample.txt" >"$tmp/out"
check "dump within width" '[ "$(LC_ALL=C.UTF-8 wc -L <"$tmp/out")" -le 30 ] && [ "$(LC_ALL=C.UTF-8 wc -L <"$tmp/out")" -ge 25 ]'
check "dump has no stripped lines" '! grep -q "^Image:" "$tmp/out"'
"$TNEWS" --dump --stripped --width 200 "$TNEWS_DATADIR/sample.txt" >"$tmp/out"
check "dump --stripped labels kinds" 'grep -q "^\[image\] Image:" "$tmp/out"'

# --json covers every non-blank line exactly once.
"$TNEWS" --json "$TNEWS_DATADIR/sample.txt" >"$tmp/out"
nonblank=$(grep -c '[^[:space:]]' "$TNEWS_DATADIR/sample.txt")
injson=$(grep -o '{"line":[0-9]*' "$tmp/out" | sort -u | wc -l)
check "json covers every line" '[ "$nonblank" -eq "$injson" ]'

# A file name with control characters is shown escaped.
bad=$(printf '%s/e\033]0;pwned\007.txt' "$tmp")
cp "$tmp/one.txt" "$bad"
"$TNEWS" --list "$bad" >"$tmp/out"
check "escaped file name" 'grep -q "e\\\\x1b]0;pwned\\\\a.txt" "$tmp/out" && ! grep -q "$(printf "\033")" "$tmp/out"'

# Writing to a full device is an error, not silence.
if [ -w /dev/full ]; then
	"$TNEWS" --json "$TNEWS_DATADIR/sample.txt" >/dev/full 2>"$tmp/err"; st=$?
	check "write error exits 2" '[ $st -eq 2 ] && grep -q "write error" "$tmp/err"'
fi

# Standard output closed: an error, not a crash or silence.
"$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >&- 2>"$tmp/err"; st=$?
check "closed stdout exits 2" '[ $st -eq 2 ] && grep -q "write error" "$tmp/err"'

# A bad user rules file is reported with line and column; parsing goes on.
printf 'chrome exact "Advert"\nbogus prefix "x"\n' >"$tmp/my.rules"
printf 'Advert\nA story.\n' | "$TNEWS" --rules "$tmp/my.rules" --json - >"$tmp/out" 2>"$tmp/err"; st=$?
check "rules error reported" 'grep -qx "tnews: $tmp/my.rules:2:1: unknown kind (paragraph, heading, image, credit or chrome)" "$tmp/err"'
check "good user rule applied" '[ $st -eq 0 ] && grep -q "\"kind\":\"chrome\",\"text\":\"Advert\"" "$tmp/out"'

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
