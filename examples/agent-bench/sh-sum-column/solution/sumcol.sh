#!/bin/sh
awk -v n="$1" 'NF >= n { s += $n } END { print s + 0 }' "$2"
