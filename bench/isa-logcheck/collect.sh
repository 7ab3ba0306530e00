#!/bin/bash
# Gathers the distinct "(xx) text" instruction lines of the Linux verifier's level-2 logs
# (veristat -vl2) over every corpus object, one file per object, for LogCheck to compare.
# Usage: collect.sh OUTDIR [CORPUS_DIR...]   (needs root and /opt/oracle/bin/veristat)
set -u
out=${1:-/tmp/isa-loglines}
shift || true
dirs=("$@")
[ ${#dirs[@]} -eq 0 ] && dirs=(/work/shared/corpus/selftests /work/shared/corpus/ebpf-samples)
mkdir -p "$out"
for d in "${dirs[@]}"; do
    find "$d/objs" -name '*.o' | sort | while read -r obj; do
        name=$(echo "${obj#$d/objs/}" | tr '/' '_')
        dest="$out/$(basename "$d")__$name.txt"
        [ -s "$dest" ] && continue
        # Instruction lines look like "12: (bf) r2 = r10   ; R2=fp0"; keep "(bf) r2 = r10".
        timeout 30 nice /opt/oracle/bin/veristat -vl2 "$obj" 2>/dev/null \
            | grep -aE '^[0-9]+: \([0-9a-f]{2}\) ' \
            | sed -E 's/^[0-9]+: //; s/;.*$//; s/[[:space:]]+$//' \
            | sort -u > "$dest"
    done
done
