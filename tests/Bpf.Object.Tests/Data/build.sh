#!/usr/bin/env bash
# Rebuilds the test objects; the .o files are committed so tests need neither clang nor libbpf headers.
# legacy.o is built without -g on purpose: old objects carry no BTF.
set -euo pipefail
cd "$(dirname "$0")"
CLANG=${CLANG:-clang-19}
for src in progs maps core extra kfunc_proto kfunc_flavor; do
    "$CLANG" -g -O2 --target=bpf -mcpu=v3 -c "$src.c" -o "$src.o"
done
"$CLANG" -O2 --target=bpf -mcpu=v3 -c legacy.c -o legacy.o
"$CLANG" -O2 --target=bpf -mcpu=v3 -c legacy_mim.c -o legacy_mim.o
python3 to_rela.py legacy.o legacy_rela.o
