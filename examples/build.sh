#!/usr/bin/env bash
# Rebuilds the example objects (needs clang-19; the built .o files are committed, so users don't).
set -euo pipefail
cd "$(dirname "$0")"
for src in *.bpf.c; do
    clang-19 -g -O2 --target=bpf -mcpu=v3 -c "$src" -o "${src%.c}.o"
done
