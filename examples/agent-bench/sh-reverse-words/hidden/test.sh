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
t three "c b a" sh -c 'echo "a b c" | sh ./rev.sh'
t spaces "world hello" sh -c 'echo "  hello   world " | sh ./rev.sh'
t lines "$(printf 'b a\nd c')" sh -c 'printf "a b\nc d\n" | sh ./rev.sh'
rm -rf "$tmp"
awk -v p="$pass" -v t="$total" -v f="$fail" 'BEGIN { printf "{\"score\": %.4f, \"feedback\": \"%s\"}\n", p / t, (f == "" ? "all " t " tests passed" : "failed:" f) }'
