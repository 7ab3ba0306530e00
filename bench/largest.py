#!/usr/bin/env python3
"""The N largest programs the kernel accepts: kernel.csv against a `bpfv stat -o csv` run (insns, states, time).

Usage: bench/largest.py KERNEL_CSV BPFV_CSV [N]   (see docs/PERFORMANCE.md for how the bpfv CSV is made)
"""
import csv
import sys

kernel = {(r['file_name'], r['prog_name']): r for r in csv.DictReader(open(sys.argv[1]))}
bpfv = {(r['file_name'], r['prog_name']): r for r in csv.DictReader(open(sys.argv[2]))}
n = int(sys.argv[3]) if len(sys.argv) > 3 else 12
accepted = sorted(((int(r['total_insns']), k) for k, r in kernel.items() if r['verdict'] == 'success'), reverse=True)
print('| program | insns kernel / bpfv | states | peak | kernel µs | bpfv µs | ratio |')
print('| --- | --- | --- | --- | ---: | ---: | ---: |')
for _, key in accepted[:n]:
    k, b = kernel[key], bpfv.get(key)
    if b is None:
        print(f'| {key[0]} {key[1]} | missing | | | | | |')
        continue
    kd, bd = int(k['duration']), int(b['duration'])
    print(f"| {key[0].removesuffix('.bpf.o')} {key[1]} | {int(k['total_insns']):,} / {int(b['total_insns']):,} | "
          f"{k['total_states']} / {b['total_states']} | {k['peak_states']} / {b['peak_states']} | {kd:,} | {bd:,} | {bd / kd:.2f}× |")
