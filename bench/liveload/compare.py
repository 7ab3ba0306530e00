#!/usr/bin/env python3
"""Level-2 logs of bpfv and the live kernel for every program of a corpus, through LiveLoad + lload.c (README.md).

Usage: bench/liveload/compare.py CORPUS_DIR BPFV_DLL LIVELOAD_DLL LLOAD [--max-insns N]

CORPUS_DIR has objs/, kernel.csv and optionally program-types.csv (ebpf-samples' layout). Programs whose kernel.csv
total_insns exceed --max-insns (default 3000) are skipped: level-2 logs grow with the instructions processed.
The kernel gets each program without BTF (what lload can load), so lines that only BTF produces are dropped from
bpfv's log (main-prototype checks, global-function lines) and a kernel 'missing btf func_info' means the program
needs BTF: such programs are counted apart. Prints the first differing line of each program that differs.
"""
import argparse
import csv
import os
import re
import shlex
import subprocess
import tempfile

ap = argparse.ArgumentParser(usage=__doc__)
ap.add_argument('corpus')
ap.add_argument('bpfv')
ap.add_argument('liveload')
ap.add_argument('lload')
ap.add_argument('--max-insns', type=int, default=3000)
a = ap.parse_args()
a.bpfv, a.liveload, a.lload = (os.path.abspath(x) for x in (a.bpfv, a.liveload, a.lload))
a.corpus = os.path.abspath(a.corpus)
objs = os.path.join(a.corpus, 'objs')
types = os.path.join(a.corpus, 'program-types.csv')
type_args = ['--prog-types', types] if os.path.exists(types) else []
BTF_ONLY = ('reference type(', 'size cannot be determined', 'Validating ', 'Func#')


def norm(text, drop_btf):
    out = []
    for line in text.split('\n'):
        if line.startswith((';', 'PROCESSING', 'verification time', 'prog load:')):
            continue
        if drop_btf and any(s in line for s in BTF_ONLY):
            continue
        line = re.sub(r'0xffff[0-9a-f]{8,}', 'ADDR', line)
        line = re.sub(r'verification time \d+ usec', '', line)
        line = re.sub(r'(call [a-z_0-9]+)#\d+', r'\1', line)
        out.append(line.rstrip())
    while out and out[-1] == '':
        out.pop()
    return out


same = differ = needs_btf = failed = 0
rows = [r for r in csv.DictReader(open(os.path.join(a.corpus, 'kernel.csv'))) if int(r['total_insns'] or 0) <= a.max_insns]
with tempfile.TemporaryDirectory() as tmp:
    for r in rows:
        f, p = r['file_name'], r['prog_name']
        d = os.path.join(tmp, 'p')
        subprocess.run(['rm', '-rf', d])
        e = subprocess.run(['dotnet', a.liveload, f, p, d, *type_args], cwd=objs, capture_output=True, text=True)
        if e.returncode:
            failed += 1
            continue
        ptype, lic, kver, flags, attach = shlex.split(e.stdout.strip())
        k = subprocess.run([a.lload, d, ptype, lic, '6', kver, flags, attach], capture_output=True, text=True, errors='replace')
        if 'missing btf func_info' in k.stdout:
            needs_btf += 1
            continue
        b = subprocess.run(['dotnet', a.bpfv, *type_args, 'verify', '-l', '2', '-p', p, f], cwd=objs, capture_output=True, text=True, errors='replace')
        kn, bn = norm(k.stdout, False), norm(b.stdout, True)
        if kn == bn:
            same += 1
            continue
        differ += 1
        i = next((i for i, (x, y) in enumerate(zip(kn, bn)) if x != y), min(len(kn), len(bn)))
        kl = kn[i] if i < len(kn) else '<end>'
        bl = bn[i] if i < len(bn) else '<end>'
        print(f'DIFF {f} {p} line {i}: kernel: {kl[:160]} | bpfv: {bl[:160]}')
print(f'identical {same}, different {differ}, need BTF {needs_btf}, not exported {failed} (of {len(rows)})')
