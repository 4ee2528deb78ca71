#!/bin/sh
# Runs train.py with the first Python that can import torch (a virtualenv or pyenv python on PATH first,
# then the system's, which is where Debian's python3-torch installs it).
for py in python3 /usr/bin/python3 /usr/local/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import torch' >/dev/null 2>&1; then
    exec "$py" train.py "$@"
  fi
done
echo "no python3 with torch found: install PyTorch (Debian: apt-get install python3-torch)" >&2
exit 3
