#!/bin/sh
# Hidden tests: run from the solved repository; prints the score JSON as its last line.
pass=0; total=0; fail=""
t() { # name, expected, command...
    name=$1; expected=$2; shift 2
    total=$((total + 1))
    got=$("$@" 2>/dev/null)
    if [ "$got" = "$expected" ]; then pass=$((pass + 1)); else fail="$fail $name"; fi
}
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d)
printf 'b a b\nA a\n' > "$tmp/f1"
printf 'z y\nx\n' > "$tmp/f2"
t counts a sh ./top.sh "$tmp/f1"
t tie x sh ./top.sh "$tmp/f2"
rm -rf "$tmp"
awk -v p="$pass" -v t="$total" -v f="$fail" 'BEGIN { printf "{\"score\": %.4f, \"feedback\": \"%s\"}\n", p / t, (f == "" ? "all " t " tests passed" : "failed:" f) }'
