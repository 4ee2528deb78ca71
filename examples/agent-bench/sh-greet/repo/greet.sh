#!/bin/sh
for n in $*; do
    echo "Hello, $n!"
done
