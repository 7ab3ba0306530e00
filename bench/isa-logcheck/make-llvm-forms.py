#!/usr/bin/env python3
"""Collects llvm-objdump's text for every instruction of the corpus objects, reduced to up to six
examples per shape, with the raw bytes: ground truth for bpfv's LLVM-dialect assembler.
Usage: make-llvm-forms.py OUT_FILE [CORPUS_DIR...]"""
import os
import re
import subprocess
import sys

out = sys.argv[1]
dirs = sys.argv[2:] or ['/work/shared/corpus/selftests', '/work/shared/corpus/ebpf-samples']
shapes = {}
for d in dirs:
    for root, _, files in os.walk(os.path.join(d, 'objs')):
        for f in sorted(files):
            path = os.path.join(root, f)
            try:
                text = subprocess.run(['llvm-objdump', '-d', path], capture_output=True, text=True, timeout=60).stdout
            except Exception:
                continue
            obj = os.path.relpath(path, d)
            for line in text.split('\n'):
                # "  12:\tbf 16 00 00 00 00 00 00\tr6 = r1" (an ld_imm64 shows its 16 bytes on one line)
                cols = line.split('\t')
                if len(cols) < 3 or not re.fullmatch(r'\s*\d+:', cols[0]):
                    continue
                raw, asm = cols[1].strip(), ' '.join(c.strip() for c in cols[2:])
                asm = re.sub(r'\s*<[^<>]*>$', '', asm)  # symbolic target annotation
                if asm == '<unknown>':
                    continue
                shape = re.sub(r'(?<![rw\w])(-?)(0x[0-9a-f]+|\d+)', lambda x: x.group(1) + 'N', asm)
                shape = re.sub(r'\b([rw])\d+\b', r'\1N', shape)  # registers too: the corpus test covers them all
                ex = shapes.setdefault(shape, [])
                if len(ex) < 6 and all(e[1] != asm for e in ex):
                    ex.append((raw, asm, obj))
with open(out, 'w') as fo:
    fo.write('# llvm-objdump (LLVM 14) text of corpus instructions, six examples per shape (registers and numbers abstracted).\n')
    fo.write('# Format: raw bytes<TAB>text<TAB>object. Regenerate with bench/isa-logcheck/make-llvm-forms.py.\n')
    for shape in sorted(shapes):
        for raw, asm, obj in shapes[shape]:
            fo.write(f'{raw}\t{asm}\t{obj}\n')
print(len(shapes), 'shapes')
