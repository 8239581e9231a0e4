#!/bin/sh
# SPDX-License-Identifier: MIT
# cli.sh - the command line as scripts use it: modes, errors, exit status.
set -u
: "${TNEWS:?}" "${TNEWS_DATADIR:?}" "${TOP_SRCDIR:?}"
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
check "--help tells of Markdown" 'grep -q "a story per top heading" "$tmp/out"'
check "--help tells of versions" 'grep -q "V and v step through them" "$tmp/out"'
"$TNEWS" --version >"$tmp/out" 2>&1; st=$?
check "--version exits 0" '[ $st -eq 0 ]'
check "--version names tnews" 'grep -q "^tnews [0-9]" "$tmp/out"'
"$TNEWS" --bogus >"$tmp/out" 2>&1; st=$?
check "bad option exits 2" '[ $st -eq 2 ]'
check "bad option says tnews:" 'grep -qx "tnews: unrecognized option .--bogus." "$tmp/out"'
"$TNEWS" --width=0 --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>&1; st=$?
check "bad width exits 2" '[ $st -eq 2 ] && grep -q "invalid width" "$tmp/out"'

# A missing file is reported and the others are still read.
printf 'A lone story about a harbour.\n' >"$tmp/one.txt"
"$TNEWS" --list "$tmp/missing.txt" "$tmp/one.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "missing file exits 2" '[ $st -eq 2 ]'
check "missing file message" 'grep -qx "tnews: $tmp/missing.txt: No such file or directory" "$tmp/err"'
check "other file still read" 'grep -q "A lone story about a harbour" "$tmp/out"'

# A directory: its regular files, not hidden ones, newest first.
mkdir -p "$tmp/day/sub"
printf 'The oldest dump tells of the harbour wall being raised again.\n' >"$tmp/day/b-old.txt"
printf 'The newest dump tells of the bakery prize in Lowenna.\n' >"$tmp/day/a-new.txt"
printf 'A hidden file about nothing at all in particular today.\n' >"$tmp/day/.hidden.txt"
touch -d '2020-01-01 00:00' "$tmp/day/b-old.txt"
touch -d '2021-01-01 00:00' "$tmp/day/a-new.txt"
"$TNEWS" --list "$tmp/day" >"$tmp/out" 2>"$tmp/err"; st=$?
check "directory: exit 0" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
check "directory: newest first, hidden and subdirectories left out" '[ "$(cut -f2 "$tmp/out" | tr "\n" " ")" = "$tmp/day/a-new.txt $tmp/day/b-old.txt " ]'
touch -d '2022-01-01 00:00' "$tmp/day/b-old.txt"
"$TNEWS" --list "$tmp/day/" >"$tmp/out" 2>"$tmp/err"
check "directory: order follows the times" '[ "$(cut -f2 "$tmp/out" | tr "\n" " ")" = "$tmp/day/b-old.txt $tmp/day/a-new.txt " ]'

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
check "pipe dumps by default, the lede not repeated" '[ $st -eq 0 ] && [ "$(cat "$tmp/out")" = "Piped story two." ]'
printf 'First of two.\nIt goes on.\n\f\nSecond of two.\n' | "$TNEWS" --dump >"$tmp/out" 2>&1
check "dump: a form feed line between stories" '[ "$(cat "$tmp/out")" = "$(printf "First of two.\n\nIt goes on.\n\n\f\n\nSecond of two.")" ]'
"$TNEWS" --dump "$tmp/out" | cmp -s - "$tmp/out"
check "dump: read again, the same stories" '[ $? -eq 0 ]'

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

# Golden: --json on the bundled sample is exactly as recorded (after a
# deliberate change to the parse: make update-golden, then review the diff).
(cd "$TNEWS_DATADIR" && "$TNEWS" --json sample.txt) >"$tmp/golden.json"
check "golden --json of sample.txt" 'cmp -s "$tmp/golden.json" "$TOP_SRCDIR/tests/golden/sample.json" || { diff "$TOP_SRCDIR/tests/golden/sample.json" "$tmp/golden.json" | head -20; false; }'

# A file name with control characters is shown escaped.
bad=$(printf '%s/e\033]0;pwned\007.txt' "$tmp")
cp "$tmp/one.txt" "$bad"
"$TNEWS" --list "$bad" >"$tmp/out"
check "escaped file name" 'grep -q "e\\\\x1b]0;pwned\\\\a.txt" "$tmp/out" && ! grep -q "$(printf "\033")" "$tmp/out"'

# Writing to a full device is an error, not silence.
if [ -w /dev/full ]; then
	"$TNEWS" --json "$TNEWS_DATADIR/sample.txt" >/dev/full 2>"$tmp/err"; st=$?
	check "write error exits 2" '[ $st -eq 2 ] && grep -q "write error" "$tmp/err"'
	for opt in --help --version; do
		"$TNEWS" $opt >/dev/full 2>"$tmp/err"; st=$?
		check "$opt to a full device exits 2" '[ $st -eq 2 ] && grep -q "write error" "$tmp/err"'
	done
fi

# Standard output closed: an error, not a crash or silence.
"$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >&- 2>"$tmp/err"; st=$?
check "closed stdout exits 2" '[ $st -eq 2 ] && grep -q "write error" "$tmp/err"'

# A bad user rules file is reported with line and column; parsing goes on.
printf 'chrome exact "Advert"\nbogus prefix "x"\n' >"$tmp/my.rules"
printf 'Advert\nA story.\n' | "$TNEWS" --rules "$tmp/my.rules" --json - >"$tmp/out" 2>"$tmp/err"; st=$?
check "rules error reported" 'grep -qx "tnews: $tmp/my.rules:2:1: unknown kind (paragraph, heading, image, credit or chrome)" "$tmp/err"'
check "good user rule applied" '[ $st -eq 0 ] && grep -q "\"kind\":\"chrome\",\"why\":\"rule $tmp/my.rules:1\",\"score\":1.00,\"text\":\"Advert\"" "$tmp/out"'

# The configuration file.  make check points XDG_CONFIG_HOME at an empty
# directory; a missing default file is no error.
unset TNEWS_CONFIG
"$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "no config file is fine" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
nauto=$(wc -l <"$tmp/out")
"$TNEWS" --print-config >"$tmp/p1" 2>"$tmp/err"; st=$?
check "--print-config exits 0" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
check "--print-config settings" 'grep -qx "width 72" "$tmp/p1" && grep -qx "segment auto" "$tmp/p1" && grep -qx "mark-read open" "$tmp/p1"'
check "--print-config keys" 'grep -qx "bind j down" "$tmp/p1" && grep -qx "bind Enter open" "$tmp/p1" && grep -qx "bind q quit" "$tmp/p1"'
check "--print-config colours" 'grep -qx "color title cyan default bold" "$tmp/p1"'
check "--print-config mouse on by default" 'grep -qx "mouse yes" "$tmp/p1"'
check "--print-config: no browser set" 'grep -qx "# browser firefox" "$tmp/p1"'
printf 'browser lynx -accept_all_cookies\n' >"$tmp/browser"
"$TNEWS" --config "$tmp/browser" --print-config >"$tmp/out" 2>"$tmp/err"
check "browser command" 'grep -qx "browser lynx -accept_all_cookies" "$tmp/out" && [ ! -s "$tmp/err" ]'
printf 'mouse no\n' >"$tmp/nomouse"
"$TNEWS" --config "$tmp/nomouse" --print-config >"$tmp/out" 2>"$tmp/err"
check "mouse no" 'grep -qx "mouse no" "$tmp/out" && [ ! -s "$tmp/err" ]'
"$TNEWS" --config "$tmp/p1" --print-config >"$tmp/p2" 2>"$tmp/err"
check "printed config loads back the same" '[ ! -s "$tmp/err" ] && cmp -s "$tmp/p1" "$tmp/p2"'

# Three mistakes among ten good lines: three messages, the rest applied.
cat >"$tmp/config" <<'EOF2'
# ten good lines, three bad ones
width 60
layout side
show-stripped yes
mark-read end
bind x quit
unbind q
bind J nowhere
color title red default bold
colour stripped 240
blink on
segment none
mono
layout sideways
bind F5 help
EOF2
"$TNEWS" --config "$tmp/config" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "config errors keep exit 0" '[ $st -eq 0 ]'
check "config errors: three lines" '[ "$(wc -l <"$tmp/err")" -eq 3 ]'
check "config error: unknown action" 'grep -qx "tnews: $tmp/config:8: unknown action '"'nowhere'"' (tnews --print-config lists them)" "$tmp/err"'
check "config error: unknown setting" 'grep -q "^tnews: $tmp/config:11: unknown setting '"'blink'"'" "$tmp/err"'
check "config error: unknown value" 'grep -qx "tnews: $tmp/config:14: layout: unknown value '"'sideways'"' (auto, stacked or side)" "$tmp/err"'
check "config segment none: one story" '[ "$nauto" -gt 1 ] && [ "$(wc -l <"$tmp/out")" -eq 1 ]'
"$TNEWS" --config "$tmp/config" --segment auto --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>/dev/null
check "--segment overrides the config" '[ "$(wc -l <"$tmp/out")" -eq "$nauto" ]'
"$TNEWS" --config "$tmp/config" --print-config >"$tmp/p3" 2>"$tmp/err"; st=$?
check "--print-config with errors exits 0" '[ $st -eq 0 ] && [ "$(wc -l <"$tmp/err")" -eq 3 ]'
check "--print-config shows the file" 'grep -qx "width 60" "$tmp/p3" && grep -qx "layout side" "$tmp/p3" && grep -qx "show-stripped yes" "$tmp/p3" && grep -qx "mark-read end" "$tmp/p3" && grep -qx "segment none" "$tmp/p3" && grep -qx "mono yes" "$tmp/p3"'
check "--print-config shows binds" 'grep -qx "bind x quit" "$tmp/p3" && grep -qx "unbind q" "$tmp/p3" && grep -qx "bind F5 help" "$tmp/p3" && ! grep -qx "bind q quit" "$tmp/p3"'
check "--print-config shows colours" 'grep -qx "color title red default bold" "$tmp/p3" && grep -qx "color stripped 240 default" "$tmp/p3"'
"$TNEWS" --config "$tmp/p3" --print-config >"$tmp/p4" 2>"$tmp/err"
check "changed config loads back the same" '[ ! -s "$tmp/err" ] && cmp -s "$tmp/p3" "$tmp/p4"'
TNEWS_CONFIG="$tmp/config" "$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"
check "TNEWS_CONFIG is read" '[ "$(wc -l <"$tmp/out")" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 3 ]'
TNEWS_CONFIG="$tmp/config" "$TNEWS" --config "$tmp/p1" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"
check "--config beats TNEWS_CONFIG" '[ "$(wc -l <"$tmp/out")" -eq "$nauto" ] && [ ! -s "$tmp/err" ]'
"$TNEWS" --config "$tmp/nowhere" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "--config of a missing file exits 2" '[ $st -eq 2 ] && grep -qx "tnews: $tmp/nowhere: No such file or directory" "$tmp/err" && [ ! -s "$tmp/out" ]'
TNEWS_CONFIG="$tmp/nowhere" "$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "TNEWS_CONFIG of a missing file exits 2" '[ $st -eq 2 ] && grep -qx "tnews: $tmp/nowhere: No such file or directory" "$tmp/err" && [ ! -s "$tmp/out" ]'
TNEWS_CONFIG= "$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "TNEWS_CONFIG empty: the default file" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
"$TNEWS" --config /dev/null --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "--config /dev/null: the defaults" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l <"$tmp/out")" -eq "$nauto" ]'
mkdir -p "$tmp/xdg/tnews"
printf 'segment none\r\nwidth 50' >"$tmp/xdg/tnews/config"
XDG_CONFIG_HOME="$tmp/xdg" "$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"
check "XDG_CONFIG_HOME config, CRLF" '[ "$(wc -l <"$tmp/out")" -eq 1 ] && [ ! -s "$tmp/err" ]'

# The parse cache: a second run reads the parse from it and prints the
# same; a damaged or foreign cache file is ignored and rewritten; a
# changed dump or changed rules are parsed again; --no-cache keeps none.
cache="$tmp/cache"
cp "$TNEWS_DATADIR/sample.txt" "$tmp/dump.txt"
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/dump.txt" >"$tmp/c1" 2>"$tmp/err"
cfile=$(ls "$cache"/tnews/*.parse 2>/dev/null | head -n 1)
check "cache: a file kept after the parse" '[ -s "$cfile" ] && [ ! -s "$tmp/err" ]'
"$TNEWS" --json "$tmp/dump.txt" >"$tmp/c0"
check "cache: the same --json as without it" 'cmp -s "$tmp/c0" "$tmp/c1"'
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/dump.txt" >"$tmp/c2" 2>"$tmp/err"
check "cache: read back, the same --json" 'cmp -s "$tmp/c0" "$tmp/c2" && [ ! -s "$tmp/err" ]'
cp "$cfile" "$tmp/good.parse"
printf 'X' | dd of="$cfile" bs=1 seek=200 conv=notrunc 2>/dev/null
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/dump.txt" >"$tmp/c3" 2>"$tmp/err"
check "cache: a damaged file is ignored" 'cmp -s "$tmp/c0" "$tmp/c3" && [ ! -s "$tmp/err" ]'
check "cache: and rewritten" 'cmp -s "$cfile" "$tmp/good.parse"'
head -c 5000 /dev/urandom >"$cfile"
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/dump.txt" >"$tmp/c3" 2>"$tmp/err"
check "cache: a foreign file is ignored" 'cmp -s "$tmp/c0" "$tmp/c3" && [ ! -s "$tmp/err" ]'
cp "$tmp/good.parse" "$cfile"	# a header whose gap count runs past any file
printf '\377\377\377\377\377\377\377\177' | dd of="$cfile" bs=1 seek=88 conv=notrunc 2>/dev/null
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/dump.txt" >"$tmp/c3" 2>"$tmp/err"
check "cache: a file with a huge count is ignored" 'cmp -s "$tmp/c0" "$tmp/c3" && [ ! -s "$tmp/err" ]'
head -c 100 "$tmp/good.parse" >"$cfile"
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/dump.txt" >"$tmp/c3" 2>"$tmp/err"
check "cache: a cut file is ignored" 'cmp -s "$tmp/c0" "$tmp/c3" && [ ! -s "$tmp/err" ]'
printf 'A brand new story about the harbour wall and the council vote.\n\f\n' >"$tmp/dump.txt"
cat "$TNEWS_DATADIR/sample.txt" >>"$tmp/dump.txt"
"$TNEWS" --list "$tmp/dump.txt" >"$tmp/c4"
XDG_CACHE_HOME="$cache" "$TNEWS" --list "$tmp/dump.txt" >"$tmp/c5"
check "cache: a changed dump is parsed again" 'cmp -s "$tmp/c4" "$tmp/c5" && grep -q "brand new story" "$tmp/c5"'
printf 'chrome prefix "A brand new story"\n' >"$tmp/more.rules"
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/dump.txt" >"$tmp/c4j"
"$TNEWS" --rules "$tmp/more.rules" --json "$tmp/dump.txt" >"$tmp/c6" 2>"$tmp/err"
XDG_CACHE_HOME="$cache" "$TNEWS" --rules "$tmp/more.rules" --json "$tmp/dump.txt" >"$tmp/c7"
check "cache: other rules are parsed again" '[ ! -s "$tmp/err" ] && ! cmp -s "$tmp/c6" "$tmp/c4j" && cmp -s "$tmp/c6" "$tmp/c7"'

# The layouts a dump may come in read as the dump they were made from
# (the same stories, the same titles): CRLF line ends, double spacing,
# hard wrapping at 72 columns with blank lines between paragraphs or
# without, no-break spaces for spaces; read back from the parse cache, a
# wrapped dump and a no-break-spaced one are the same.
"$TNEWS" --list "$TNEWS_DATADIR/sample.txt" | cut -f4 >"$tmp/t0"
sed 's/$/\r/' "$TNEWS_DATADIR/sample.txt" >"$tmp/lay-crlf.txt"
awk '{ print; print "" }' "$TNEWS_DATADIR/sample.txt" >"$tmp/lay-double.txt"
fold -s -w 72 "$TNEWS_DATADIR/sample.txt" >"$tmp/lay-wrap.txt"
fold -s -w 72 "$tmp/lay-double.txt" >"$tmp/lay-wrapb.txt"
sed 's/ /\xc2\xa0/g' "$TNEWS_DATADIR/sample.txt" >"$tmp/lay-nbsp.txt"
for lay in crlf double wrap wrapb nbsp; do
	"$TNEWS" --list "$tmp/lay-$lay.txt" | cut -f4 >"$tmp/t1"
	check "layout $lay: the stories and titles of the dump" 'cmp -s "$tmp/t0" "$tmp/t1"'
done
check "layout wrap: the lines were wrapped" '[ $(wc -l <"$tmp/lay-wrap.txt") -gt $(wc -l <"$TNEWS_DATADIR/sample.txt") ]'
# a story's lines run to the last physical line of its last paragraph:
# the next story starts on the line after (wrap) or after one blank (wrapb)
"$TNEWS" --list "$tmp/lay-wrap.txt" | cut -f3 | tr '-' ' ' >"$tmp/r1"
"$TNEWS" --list "$tmp/lay-wrapb.txt" | cut -f3 | tr '-' ' ' >"$tmp/r2"
check "layout wrap: the stories' lines end to end, the last the file's" \
	'awk -v n="$(awk "END { print NR }" "$tmp/lay-wrap.txt")" "NR > 1 && \$1 != e + 1 { bad = 1 } { e = \$2 } END { exit bad || e != n }" "$tmp/r1"'
check "layout wrapb: a blank line between the stories' lines" \
	'awk "NR > 1 && \$1 != e + 2 { bad = 1 } { e = \$2 } END { exit bad }" "$tmp/r2"'
"$TNEWS" --json --no-cache "$tmp/lay-wrapb.txt" >"$tmp/w0"
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/lay-wrapb.txt" >/dev/null
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/lay-wrapb.txt" >"$tmp/w1"
check "layout wrapb: read back from the cache, the same --json" 'cmp -s "$tmp/w0" "$tmp/w1"'
check "layout wrapb: no line break within a paragraph" '! grep -q "\\\\n" "$tmp/w0"'
"$TNEWS" --json --no-cache "$tmp/lay-nbsp.txt" >"$tmp/w0"
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/lay-nbsp.txt" >/dev/null
XDG_CACHE_HOME="$cache" "$TNEWS" --json "$tmp/lay-nbsp.txt" >"$tmp/w1"
check "layout nbsp: read back from the cache, the same --json" 'cmp -s "$tmp/w0" "$tmp/w1"'
check "layout nbsp: the spaces are spaces" 'grep -q "Train drivers on the" "$tmp/w0"'
XDG_CACHE_HOME="$cache" "$TNEWS" --segment none --list "$tmp/dump.txt" >"$tmp/c8"
check "cache: another segmentation is parsed again" '[ "$(wc -l <"$tmp/c8")" -eq 1 ]'
rm -rf "$cache"
XDG_CACHE_HOME="$cache" "$TNEWS" --no-cache --list "$tmp/dump.txt" >"$tmp/c9"
check "--no-cache keeps nothing" '[ ! -e "$cache" ] && cmp -s "$tmp/c4" "$tmp/c9"'

# --no-state: the print modes read the state (read-only) unless told not to.
mkdir -p "$tmp/state/tnews"
printf 'tnews-state 1\nread 5 not-a-key\n' >"$tmp/state/tnews/state"
XDG_STATE_HOME="$tmp/state" "$TNEWS" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "print modes read the state" '[ $st -eq 0 ] && grep -q "^tnews: $tmp/state/tnews/state: damaged" "$tmp/err" && [ "$(wc -l <"$tmp/out")" -eq "$nauto" ]'
check "print modes never write the state" '[ "$(ls "$tmp/state/tnews")" = state ]'
XDG_STATE_HOME="$tmp/state" "$TNEWS" --no-state --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "--no-state reads no state" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l <"$tmp/out")" -eq "$nauto" ]'
# --max-input and max-input: the most read from a pipe; the option wins.
"$TNEWS" --max-input=12X --list - </dev/null >"$tmp/out" 2>"$tmp/err"; st=$?
check "--max-input: bad size" '[ $st -eq 2 ] && grep -q "invalid size '"'12X'"'" "$tmp/err"'
cat "$TNEWS_DATADIR/sample.txt" | "$TNEWS" --max-input=1K --list - >"$tmp/out" 2>"$tmp/err"; st=$?
check "--max-input: a pipe past it" '[ $st -eq 2 ] && grep -qx "tnews: -: more than 1K from a pipe or device, not read (--max-input raises the limit)" "$tmp/err" && [ ! -s "$tmp/out" ]'
"$TNEWS" --max-input=1K --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "--max-input: a regular file is read whole" '[ $st -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq "$nauto" ]'
printf 'max-input 1K\n' >"$tmp/maxconf"
cat "$TNEWS_DATADIR/sample.txt" | "$TNEWS" --config "$tmp/maxconf" --list - >"$tmp/out" 2>"$tmp/err"; st=$?
check "max-input in the config" '[ $st -eq 2 ] && grep -q "more than 1K" "$tmp/err"'
cat "$TNEWS_DATADIR/sample.txt" | "$TNEWS" --config "$tmp/maxconf" --max-input=1M --list - >"$tmp/out" 2>"$tmp/err"; st=$?
check "--max-input beats the config" '[ $st -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq "$nauto" ]'
"$TNEWS" --config "$tmp/maxconf" --print-config >"$tmp/out" 2>"$tmp/err"
check "--print-config shows max-input" 'grep -qx "max-input 1K" "$tmp/out" && "$TNEWS" --config /dev/null --print-config | grep -qx "max-input 128M"'

# Rules and configuration files: a FIFO without a writer does not block,
# a device is refused at once.
mkfifo "$tmp/fifo"
timeout 10 "$TNEWS" --config "$tmp/fifo" --rules "$tmp/fifo" --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "config and rules FIFOs do not block" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l <"$tmp/out")" -eq "$nauto" ]'
timeout 10 "$TNEWS" --config /dev/zero --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "--config=/dev/zero refused" '[ $st -eq 2 ] && grep -qx "tnews: /dev/zero: not a regular file, not read" "$tmp/err"'
timeout 10 "$TNEWS" --rules /dev/zero --list "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "--rules=/dev/zero refused" '[ $st -eq 2 ] && grep -qx "tnews: /dev/zero: not a regular file, not read" "$tmp/err"'

"$TNEWS" --help >"$tmp/out"
check "--help lists the new options" 'grep -q -- "--config=FILE" "$tmp/out" && grep -q -- "--print-config" "$tmp/out" && grep -q -- "--no-state" "$tmp/out" && grep -q -- "--max-input=SIZE" "$tmp/out"'

# Two dumps with shared stories: --json numbers the articles and their
# versions, --latest keeps the newest version of each.
a="$TOP_SRCDIR/tests/data/fold_a.txt" b="$TOP_SRCDIR/tests/data/fold_b.txt"
"$TNEWS" --json "$a" "$b" | grep -o '"group":[0-9]*,"version":[0-9]*,"changed":[a-z]*' >"$tmp/out"
check "--json groups and versions" '[ "$(sort -u "$tmp/out" | wc -l)" -eq 11 ] && grep -qx "\"group\":3,\"version\":2,\"changed\":false" "$tmp/out" && grep -qx "\"group\":2,\"version\":2,\"changed\":true" "$tmp/out" && [ "$(grep -c "version\":2" "$tmp/out")" -eq 3 ]'
"$TNEWS" --list --latest "$a" "$b" >"$tmp/out"
check "--list --latest" '[ "$(wc -l <"$tmp/out")" -eq 8 ] && [ "$(grep -c "Kestonbury Rovers came" "$tmp/out")" -eq 1 ] && grep -q "^8	.*fold_b.txt	13-19	Kestonbury" "$tmp/out"'
"$TNEWS" --list "$a" "$b" >"$tmp/out"
check "--list without --latest lists every version" '[ "$(wc -l <"$tmp/out")" -eq 11 ]'
"$TNEWS" --dump --latest "$a" "$b" >"$tmp/out"
check "--dump --latest" '[ "$(grep -c "^Residents of Ashworth Vale" "$tmp/out")" -eq 1 ] && grep -q "not won after trailing" "$tmp/out"'
"$TNEWS" --json --latest "$a" "$b" >"$tmp/out"
check "--json --latest" '[ "$(grep -c "\"file\":" "$tmp/out")" -eq 8 ]'
"$TNEWS" --help >"$tmp/out"
check "--help lists --latest" 'grep -q -- "--latest" "$tmp/out"'

# A web page on standard input (as from curl -s URL | tnews -) is read as
# one: its headline is the title, its article the text, in every mode.
: "${TESTDATA:?}"
"$TNEWS" --json --no-state - <"$TESTDATA/page_article.html" >"$tmp/out" 2>"$tmp/err"; st=$?
check "page on stdin: JSON" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "\"title\":\"Harbour wall to be rebuilt after storm\"" "$tmp/out" && grep -q "\"source\":\"html\"" "$tmp/out"'
check "page on stdin: its link and date" 'grep -q "\"url\":\"https://gazette.example/news/harbour-wall-rebuilt\",\"date\":\"2026-11-30T08:00:00Z\"" "$tmp/out"'
check "page on stdin: no markup in the text" '! grep -q "<p>\|tracking\|cookies" "$tmp/out"'
cat "$TESTDATA/page_article.html" | "$TNEWS" --no-state >"$tmp/out" 2>&1; st=$?
check "page in a pipe dumps its article" '[ $st -eq 0 ] && [ "$(head -n 1 "$tmp/out")" = "Harbour wall to be rebuilt after storm" ] && grep -q "^The harbour wall at Porthmellin" "$tmp/out"'
"$TNEWS" --list --no-state "$TESTDATA/page_xhtml.xhtml" "$tmp/one.txt" >"$tmp/out" 2>&1; st=$?
check "page and dump together" '[ $st -eq 0 ] && [ "$(cut -f1,4 "$tmp/out" | tr "\t\n" ":;")" = "1:Ferry timetable changes;2:A lone story about a harbour.;" ]'
# The same page saved twice is one article in two versions (folding);
# a feed's items are articles of their own.
"$TNEWS" --json --no-state "$TESTDATA/page_article.html" "$TESTDATA/feed_rss2.xml" "$TESTDATA/page_article.html" | grep -o '"group":[0-9]*,"version":[0-9]*' | tr '\n' ';' >"$tmp/out"
check "page folded with its copy" '[ "$(cat "$tmp/out")" = "\"group\":1,\"version\":1;\"group\":2,\"version\":1;\"group\":3,\"version\":1;\"group\":4,\"version\":1;\"group\":5,\"version\":1;\"group\":1,\"version\":2;" ]'
# A malformed feed: one line naming the file and the line; others still read.
"$TNEWS" --list --no-state "$TESTDATA/feed_broken.xml" "$TESTDATA/feed_atom.xml" >"$tmp/out" 2>"$tmp/err"; st=$?
check "malformed feed named with its line" '[ $st -eq 2 ] && grep -qx "tnews: $TESTDATA/feed_broken.xml: line 11: malformed feed: Opening and ending tag mismatch: title line 10 and item" "$tmp/err" && [ "$(wc -l <"$tmp/out")" -eq 4 ]'
"$TNEWS" --list --no-state "$TESTDATA/feed_laughs.xml" >"$tmp/out" 2>"$tmp/err"; st=$?
check "billion laughs refused" '[ $st -eq 2 ] && grep -q "feed_laughs.xml: line 3: feed declares an entity, not read" "$tmp/err"'
# A page too big to parse is refused at once, naming the file.
{ printf '<!DOCTYPE html><html><body>'; head -c 300000 /dev/zero | tr '\0' '<'; } >"$tmp/tags.html"
"$TNEWS" --list --no-state "$tmp/tags.html" "$tmp/one.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "page of too many tags refused" '[ $st -eq 2 ] && grep -qx "tnews: $tmp/tags.html: web page with more than 200000 tags, not read" "$tmp/err" && grep -q "A lone story" "$tmp/out"'

# Without $TNEWS_DATADIR an uninstalled tnews parses with its built-in
# rules and model, as the installed files do.
# (an installed copy, if there is one, is the same data)
env -u TNEWS_DATADIR "$TNEWS" --json --no-cache "$TNEWS_DATADIR/sample.txt" >"$tmp/builtin.json" 2>"$tmp/err"; st=$?
"$TNEWS" --json --no-cache "$TNEWS_DATADIR/sample.txt" >"$tmp/files.json"
check "built-in data parses as the data files" '[ $st -eq 0 ] && cmp -s "$tmp/builtin.json" "$tmp/files.json"'

# A damaged line model is refused with its file, line and column.
mkdir -p "$tmp/baddata"
cp "$TNEWS_DATADIR/furniture.rules" "$tmp/baddata/"
printf 'tnews-line-model1\nstage 1\nbias 1 2 3\n' >"$tmp/baddata/lines.model"
TNEWS_DATADIR="$tmp/baddata" "$TNEWS" --list --no-cache "$TNEWS_DATADIR/sample.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
check "damaged model refused" '[ $st -eq 2 ] && grep -q "^tnews: $tmp/baddata/lines.model:3:" "$tmp/err" && [ ! -s "$tmp/out" ]'

# A Markdown dump from standard input: a story a heading, titled by it,
# the link syntax gone from the text, the image stripped.
printf '# Harbour wall rebuilt\n\n![The wall](https://img.example/w.jpg)\n\nThe [council](https://c.example/) rebuilt the wall.\n\n# Ferry fares rise\n\nFares rise by 3%%.\n' |
	"$TNEWS" --list --no-state - >"$tmp/out" 2>&1; st=$?
check "markdown: a story a heading" '[ $st -eq 0 ] && [ $(wc -l <"$tmp/out") -eq 2 ]'
check "markdown: titled by headings" 'cut -f4 "$tmp/out" | tr "\n" "|" | grep -qx "Harbour wall rebuilt|Ferry fares rise|"'
check "markdown: lines of the file" 'cut -f3 "$tmp/out" | tr "\n" "|" | grep -qx "1-5|7-9|"'
printf '# Harbour wall rebuilt\n\n![The wall](https://img.example/w.jpg)\n\nThe [council](https://c.example/) rebuilt the wall.\n\n# Ferry fares rise\n\nFares rise by 3%%.\n' |
	"$TNEWS" --dump --no-state - >"$tmp/out" 2>&1
check "markdown: link syntax gone" 'grep -qx "The council rebuilt the wall." "$tmp/out" && ! grep -q "](" "$tmp/out"'
check "markdown: image stripped" '! grep -q "The wall$" "$tmp/out"'

# Pages saved by a page-to-Markdown service, joined: a story under each
# header, titled by its Title, with its URL Source as its link.
printf 'Title: Harbour wall rebuilt\n\nURL Source: https://g.example/wall\n\nMarkdown Content:\nThe council rebuilt the wall.\n\nTitle: Ferry fares rise\n\nURL Source: https://g.example/ferry\n\nMarkdown Content:\nFares rise by 3%%.\n' >"$tmp/pages.md"
"$TNEWS" --list --no-state --no-cache "$tmp/pages.md" >"$tmp/out" 2>&1; st=$?
check "page exports: titled by their headers" '[ $st -eq 0 ] && cut -f4 "$tmp/out" | tr "\n" "|" | grep -qx "Harbour wall rebuilt|Ferry fares rise|"'
"$TNEWS" --json --no-state --no-cache "$tmp/pages.md" >"$tmp/out" 2>&1
check "page exports: their links" 'grep -q "\"url\":\"https://g.example/ferry\"" "$tmp/out"'
check "page exports: header lines are chrome" '[ $(grep -c "\"kind\":\"chrome\",\"why\":\"markup\".*\"text\":\"URL Source: " "$tmp/out") -eq 2 ]'

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
