#!/usr/bin/env bash
# Wall time of the whole selftests corpus: bpfv stat vs the kernel's verifier through veristat, same machine, same run.
# Usage: bench/corpus-time.sh [CORPUS_DIR]   (needs /opt/oracle/bin/veristat and root for the kernel side)
set -euo pipefail
corpus=${1:-../shared/corpus/selftests}
cd "$(dirname "$0")/.."
dotnet build src/Bpf.Cli -c Release -warnaserror >/dev/null
bpfv=(dotnet "$(find src/Bpf.Cli/bin/Release -name bpfv.dll | head -n 1)")
objs=("$corpus"/objs/*.o)
t0=$(date +%s.%N)
"${bpfv[@]}" stat -o csv "${objs[@]}" >/tmp/bpfv-stat.csv 2>/dev/null || true
t1=$(date +%s.%N)
if [ -x /opt/oracle/bin/veristat ]; then
    /opt/oracle/bin/veristat -o csv "${objs[@]}" >/tmp/veristat.csv 2>/dev/null || true
fi
t2=$(date +%s.%N)
printf 'objects: %d\nbpfv stat:  %.1f s (%d rows)\nveristat:   %.1f s (%d rows)\n' "${#objs[@]}" \
    "$(echo "$t1 - $t0" | bc)" "$(($(wc -l </tmp/bpfv-stat.csv) - 1))" \
    "$(echo "$t2 - $t1" | bc)" "$(($(wc -l </tmp/veristat.csv 2>/dev/null || echo 1) - 1))"
