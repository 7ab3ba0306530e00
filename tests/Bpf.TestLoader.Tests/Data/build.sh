#!/usr/bin/env bash
# Rebuilds the test objects; the .o files are committed so the tests need no clang.
set -euo pipefail
cd "$(dirname "$0")"
CLANG=${CLANG:-clang-19}
for src in annotated plain; do
    "$CLANG" -g -O2 --target=bpf -mcpu=v3 -c "$src.c" -o "$src.o"
done
