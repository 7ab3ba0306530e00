#!/usr/bin/env bash
# Object loader check over both corpora: listed programs vs kernel.csv ∪ load-errors.csv, load time, and
# (with LINKCHECK=N) linked instruction streams vs the kernel's level-2 log for the N most subprogram-heavy programs.
# Usage: bench/objcheck/objcheck.sh [SHARED_CORPUS_DIR]
set -euo pipefail
corpus=${1:-/work/shared/corpus}
here=$(cd "$(dirname "$0")" && pwd)
art=${ARTIFACTS:-/tmp/art-objcheck}
dotnet build "$here/ObjCheck.csproj" -c Release --artifacts-path "$art" >/dev/null
dll=$(find "$art/bin/ObjCheck" -name ObjCheck.dll | head -n 1)
status=0
dotnet "$dll" "$corpus/selftests" --linkcheck "${LINKCHECK:-0}" || status=1
dotnet "$dll" "$corpus/ebpf-samples" --prog-types "$corpus/ebpf-samples/program-types.csv" --linkcheck "${LINKCHECK:-0}" || status=1
# Section-name rules alone (legacy conventions forced), against the types the corpus used:
dotnet "$dll" "$corpus/ebpf-samples" --legacy --check-types "$corpus/ebpf-samples/program-types.csv" | grep -E "^section|^  type" || true
exit $status
