#!/usr/bin/env python3
"""Per-program verification time of a native bpfv against the kernel's `duration` in a corpus's kernel.csv.

Usage: bench/timing/program-time.py BPFV_BINARY [CORPUS_DIR] [--per-object] [--runs N] [--csv OUT]

Runs `bpfv stat --jobs 1 -o csv` (one program at a time, as veristat loads them) either once over every object of
the corpus (one process per folder) or, with --per-object, once per object (a fresh process each, as veristat is often run).
Prints, per run: the summed durations, how many programs were slower than the kernel, over 5x and over 10x its
duration (listing the latter), and the ratio of the 12 largest accepted programs. A program over 10x in one run and
not in another is the machine's noise (bench/timing/gaps.c measures it), not bpfv's.
"""
import argparse
import csv
import io
import os
import subprocess

ap = argparse.ArgumentParser(usage=__doc__)
ap.add_argument('bpfv')
ap.add_argument('corpus', nargs='?', default=os.path.join(os.path.dirname(__file__), '../../../shared/corpus/selftests'))
ap.add_argument('--per-object', action='store_true')
ap.add_argument('--runs', type=int, default=1)
ap.add_argument('--csv')
a = ap.parse_args()
bpfv, corpus, runs, out = os.path.abspath(a.bpfv), os.path.abspath(a.corpus), a.runs, a.csv
objs_dir = os.path.join(corpus, 'objs')
kernel = {(r['file_name'], r['prog_name']): r for r in csv.DictReader(open(os.path.join(corpus, 'kernel.csv')))}
objects = sorted(os.path.relpath(os.path.join(d, f), objs_dir)
                 for d, _, files in os.walk(objs_dir) for f in files if f.endswith('.o'))


# ebpf-samples names the program type of objects libbpf's section rules alone would refuse (its README).
types = os.path.join(corpus, 'program-types.csv')
type_args = ['--prog-types', types] if os.path.exists(types) else []


def stat(paths):
    p = subprocess.run([bpfv, *type_args, 'stat', '--jobs', '1', '-o', 'csv', *paths], cwd=objs_dir, capture_output=True, text=True)
    # veristat's 'Using guessed program type' notes come on stdout before the table, as bpfv prints them.
    rows = list(csv.DictReader(io.StringIO(''.join(l for l in p.stdout.splitlines(True) if not l.startswith('Using ')))))
    # bpfv prints the file's name; kernel.csv keys objects in subfolders by their path under objs/.
    by_name = {os.path.basename(x): x for x in paths}
    for r in rows:
        r['file_name'] = by_name.get(r['file_name'], r['file_name'])
    return rows


for run in range(runs):
    rows = []
    if a.per_object:
        for o in objects:
            rows += stat([o])
    else:
        # One process per folder: veristat and bpfv print file names without their folder, and ebpf-samples repeats
        # names across folders.
        for folder in sorted({os.path.dirname(o) for o in objects}):
            rows += stat([o for o in objects if os.path.dirname(o) == folder])
    if out:
        with open(out if runs == 1 else f'{out}.{run}', 'w', newline='') as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
    ours = {(r['file_name'], r['prog_name']): r for r in rows if r['duration'].isdigit()}
    both = [(k, int(kernel[k]['duration']), int(ours[k]['duration'])) for k in kernel if k in ours]
    over10 = sorted(((b / k, key, k, b) for key, k, b in both if b > 10 * k), reverse=True)
    big = sorted(((int(r['total_insns']), key) for key, r in kernel.items() if r['verdict'] == 'success' and key in ours), reverse=True)[:12]
    print(f"run {run + 1}: {len(both)} programs; duration summed: kernel {sum(k for _, k, _ in both) / 1e3:.0f} ms, "
          f"bpfv {sum(b for _, _, b in both) / 1e3:.0f} ms; slower {sum(1 for _, k, b in both if b > k)}, "
          f"over 5x {sum(1 for _, k, b in both if b > 5 * k)}, over 10x {len(over10)}")
    print('  12 largest (bpfv/kernel): ' + ' '.join(f"{int(ours[key]['duration']) / int(kernel[key]['duration']):.2f}" for _, key in big))
    for ratio, key, k, b in over10:
        print(f'  over 10x: {key[0]} {key[1]}: kernel {k} us, bpfv {b} us ({ratio:.1f}x)')
