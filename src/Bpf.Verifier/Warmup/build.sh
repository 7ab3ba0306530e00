#!/usr/bin/env bash
# Rebuilds the warm-up object (needs clang-19; the built object is committed and embedded, so users don't).
set -euo pipefail
cd "$(dirname "$0")"
clang-19 -g -O2 --target=bpf -mcpu=v3 -c warmup.bpf.c -o warmup.bpf.o
