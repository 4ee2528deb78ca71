#!/bin/sh
# Scores params.txt like a short training run: 2 * batch_size / 64 - (log10(learning_rate) + 2)^2 (maximize; best 2
# at batch_size 64, learning_rate 0.01), and crashes with an out-of-memory error when batch_size is above 64.
batch=$(awk '/^batch_size =/ { print $3 }' params.txt)
lr=$(awk '/^learning_rate =/ { print $3 }' params.txt)
if awk -v b="$batch" 'BEGIN { exit !(b > 64) }'; then
    echo "Traceback (most recent call last):" >&2
    echo "  File \"train.py\", line 88, in step" >&2
    echo "RuntimeError: CUDA out of memory. Tried to allocate $((batch * 32)) MiB (batch_size=$batch)" >&2
    exit 1
fi
awk -v b="$batch" -v lr="$lr" 'BEGIN { l = log(lr) / log(10) + 2; printf "{\"score\": %f, \"metrics\": {\"batch_size\": %d, \"learning_rate\": %g}}\n", 2 * b / 64 - l * l, b, lr }'
