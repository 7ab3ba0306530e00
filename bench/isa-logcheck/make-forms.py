#!/usr/bin/env python3
"""Reduces the per-object kernel log lines gathered by collect.sh to a test data file:
up to two examples of every distinct instruction shape (immediates/offsets abstracted,
registers and opcodes kept), each with the object it came from.
Usage: make-forms.py LOGLINES_DIR OUT_FILE"""
import os
import re
import sys

src, out = sys.argv[1], sys.argv[2]
shapes = {}
for name in sorted(os.listdir(src)):
    obj = name[:-4] if name.endswith('.txt') else name
    with open(os.path.join(src, name), errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line:
                continue
            shape = re.sub(r'(?<![rw\w])(-?)(0x[0-9a-f]+|\d+)', lambda m: m.group(1) + 'N', line)
            ex = shapes.setdefault(shape, [])
            if len(ex) < 2 and all(e[0] != line for e in ex):
                ex.append((line, obj))
with open(out, 'w') as f:
    f.write('# Distinct instruction lines of Linux 6.18 verifier level-2 logs (veristat -vl2) over the\n')
    f.write('# bpfv corpus, two examples per shape. Format: kernel text<TAB>corpus__object.\n')
    f.write('# Regenerate: bench/isa-logcheck/collect.sh DIR && bench/isa-logcheck/make-forms.py DIR THIS_FILE\n')
    for shape in sorted(shapes):
        for line, obj in shapes[shape]:
            f.write(f'{line}\t{obj}\n')
print(f'{len(shapes)} shapes, {sum(len(v) for v in shapes.values())} lines')
