#!/usr/bin/env bash
# The seed's A/B table: 6.17-style stack liveness (A, --liveness legacy) against 6.18's (B, --liveness new) over
# the selftests corpus, with BPF_F_TEST_STATE_FREQ (-t), compared by `bpfv stat -C` and filtered as the seed
# filters (-f 'insns_pct>1' -f '!insns<500'). Also runs --liveness check over every object and lists violations.
# Usage: bench/liveness/ab.sh [CORPUS_DIR] [OUT_DIR]   (needs a built bpfv: dotnet build src/Bpf.Cli -c Release)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${1:-$here/../shared/corpus/selftests}"
out="${2:-/tmp/liveness-ab}"
bpfv="${BPFV:-dotnet $here/src/Bpf.Cli/bin/Release/net10.0/bpfv.dll}"
mkdir -p "$out"
for mode in legacy new; do
  # veristat prints libbpf's "Using guessed program type" notes on stdout too; they are not CSV rows.
  $bpfv stat -t -o csv --liveness "$mode" "$corpus"/objs/*.o 2>/dev/null | grep -v '^Using guessed' > "$out/$mode-t.csv" || true
done
$bpfv stat -C "$out/legacy-t.csv" "$out/new-t.csv" -e file,prog,insns -f 'insns_pct>1' -f '!insns<500' | tee "$out/ab.txt"
: > "$out/check.txt"
for o in "$corpus"/objs/*.o; do
  $bpfv verify -l 0 --liveness check "$o" 2>/dev/null | grep -H --label="$(basename "$o")" 'liveness check' >> "$out/check.txt" || true
done
echo "--liveness check violations: $(wc -l < "$out/check.txt") (listed in $out/check.txt)"
