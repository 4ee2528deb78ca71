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
printf '1 10\n2 20\n3\n' > "$tmp/f"
t second 30 sh ./sumcol.sh 2 "$tmp/f"
t first 6 sh ./sumcol.sh 1 "$tmp/f"
t missing 0 sh ./sumcol.sh 5 "$tmp/f"
rm -rf "$tmp"
awk -v p="$pass" -v t="$total" -v f="$fail" 'BEGIN { printf "{\"score\": %.4f, \"feedback\": \"%s\"}\n", p / t, (f == "" ? "all " t " tests passed" : "failed:" f) }'
