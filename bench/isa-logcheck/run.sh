#!/bin/bash
# Regenerates the ISA check data from the live Linux 6.18 kernel (root, /opt/oracle/bin/veristat):
#  1. distinct "(xx) text" lines of level-2 logs over the corpus  (collect.sh)
#  2. a patched object printing the forms the corpus lacks        (patch-forms.py)
#  3. reduced data files read by tests/Bpf.Isa.Tests              (make-forms.py, make-llvm-forms.py)
# Then: dotnet test tests/Bpf.Isa.Tests --artifacts-path /tmp/art-isa
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../tests/Bpf.Isa.Tests/Data"
work=${WORK:-/tmp/isa-logcheck}
mkdir -p "$work/lines"
"$here/collect.sh" "$work/lines"
python3 "$here/patch-forms.py" /work/shared/corpus/selftests/objs/verifier_gotol.bpf.o "$work/forms.bpf.o" > "$work/forms.insns"
timeout 120 /opt/oracle/bin/veristat -vl2 -f gotol_large_imm "$work/forms.bpf.o" 2>/dev/null \
    | grep -aE '^[0-9]+: \([0-9a-f]{2}\) ' | sed -E 's/^[0-9]+: //; s/;.*$//; s/[[:space:]]+$//' \
    | sort -u > "$work/lines/patched__forms.bpf.o.txt"
python3 "$here/make-forms.py" "$work/lines" "$data/kernel-insn-forms.txt"
python3 "$here/make-llvm-forms.py" "$data/llvm-objdump-forms.txt"
