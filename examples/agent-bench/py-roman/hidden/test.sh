#!/bin/sh
# Hidden tests: run from the solved repository; prints the score JSON as its last line.
exec python3 "$(dirname "$0")/check.py"
