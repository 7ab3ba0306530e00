#!/usr/bin/env bash
# Runs bpfv's test loader over the selftest corpus and compares with the authors' annotations and the kernel.
# Usage: bench/testloader/run.sh [CORPUS_DIR]   (default /work/shared/corpus/selftests)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:-/work/shared/corpus/selftests}"
art="${ART:-/tmp/art-testloader}"
out="${OUT:-/tmp/testloader-bench}"
mkdir -p "$out"
dotnet build "$here/TestLoaderBench.csproj" --artifacts-path "$art" -v q -nologo >/dev/null
bench="$art/bin/TestLoaderBench/debug/TestLoaderBench"
"$bench" "$corpus/objs" "$out/specs.jsonl" --specs
"$bench" "$corpus/objs" "$out/results.tsv" -j "${JOBS:-2}"
python3 "$here/measure.py" "$corpus" "$out/specs.jsonl" "$out/results.tsv"
