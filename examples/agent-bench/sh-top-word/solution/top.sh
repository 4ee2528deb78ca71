#!/bin/sh
tr -s '[:space:]' '\n' < "$1" | tr '[:upper:]' '[:lower:]' | grep -v '^$' | sort | uniq -c | sort -k1,1nr -k2,2 | awk 'NR == 1 { print $2 }'
