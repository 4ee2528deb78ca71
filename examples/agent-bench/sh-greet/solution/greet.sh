#!/bin/sh
if [ $# -eq 0 ]; then
    echo "Hello, world!"
    exit 0
fi
for n in "$@"; do
    echo "Hello, $n!"
done
