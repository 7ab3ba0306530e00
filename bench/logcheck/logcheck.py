#!/usr/bin/env python3
"""Level-2 log identity: `bpfv verify -l 2` against the live kernel's `veristat -vl2`, program by program.

Usage: bench/logcheck/logcheck.py [--corpus DIR] [--min-insns 50] [--limit N] [--out DIR] [--only REGEX] [--with-calls]
Candidates: programs the kernel accepts (kernel.csv) with at least --min-insns processed instructions
(--with-calls: only those whose code calls a subprogram, `call pc+N`).
Both logs are normalised the same way before comparing: veristat's and libbpf's own lines are dropped, the
`verification time` line is dropped (timing), map addresses of ld_imm64 (kernel pointers) and kfunc BTF ids
(this machine's kernel build numbers types differently from the corpus kernel's BTF that bpfv embeds) are masked.
Needs /opt/oracle/bin/veristat and root (the kernel side); prints the identical programs and a summary.
"""
import argparse, csv, os, re, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--corpus", default="../shared/corpus/selftests")
ap.add_argument("--min-insns", type=int, default=50)
ap.add_argument("--limit", type=int, default=0)
ap.add_argument("--out", default="/tmp/logcheck")
ap.add_argument("--only", default="")
ap.add_argument("--bpfv", default="")
ap.add_argument("--with-calls", action="store_true")
a = ap.parse_args()

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
bpfv = a.bpfv.split() if a.bpfv else ["dotnet", "run", "-c", "Release", "--project", os.path.join(root, "src/Bpf.Cli"), "--"]
os.makedirs(a.out, exist_ok=True)

ADDR = re.compile(r"0x[0-9a-f]{12,16}")
# Kfunc calls print the kernel BTF id of the function: bpfv uses the corpus kernel's BTF (../shared/btf), which
# numbers types differently from this machine's build of 6.18, so the ids are masked.
KFUNC_ID = re.compile(r"(call [A-Za-z_][A-Za-z0-9_]*#)\d{5,}")

def normalise(text):
    out, inside = [], False
    for line in text.splitlines():
        if line.startswith("PROCESSING "):
            inside = True
            continue
        if not inside:
            continue
        if line.startswith("verification time "):
            continue
        if line.startswith("File ") or line.startswith("-----") or line.startswith("Done. Processed"):
            break
        out.append(KFUNC_ID.sub(r"\g<1>ID", ADDR.sub("0xADDR", line.rstrip())))
    while out and out[-1] == "":
        out.pop()
    return out

rows = [r for r in csv.DictReader(open(os.path.join(a.corpus, "kernel.csv")))
        if r["verdict"] == "success" and int(r["total_insns"]) >= a.min_insns and re.search(a.only, r["file_name"])]
rows.sort(key=lambda r: (int(r["total_insns"]), r["file_name"], r["prog_name"]))
def has_calls(r):
    obj = os.path.join(a.corpus, "objs", r["file_name"])
    d = subprocess.run(bpfv + ["disasm", "-p", r["prog_name"], obj], capture_output=True, text=True)
    return re.search(r"\(85\) call pc[+-]", d.stdout) is not None

if a.with_calls:
    picked = []
    for r in rows:
        if a.limit and len(picked) >= a.limit:
            break
        if has_calls(r):
            picked.append(r)
    rows = picked
elif a.limit:
    rows = rows[: a.limit]
same, differ = [], 0
for r in rows:
    obj = os.path.join(a.corpus, "objs", r["file_name"])
    k = subprocess.run(["/opt/oracle/bin/veristat", "--log-size=1000000000", "-vl2", "-f", r["prog_name"], obj], capture_output=True, text=True)
    b = subprocess.run(bpfv + ["verify", "-l", "2", "-p", r["prog_name"], obj], capture_output=True, text=True)
    kl, bl = normalise(k.stdout), normalise(b.stdout)
    tag = f'{r["file_name"]}__{r["prog_name"]}'
    if kl and kl == bl:
        same.append((r["file_name"], r["prog_name"], r["total_insns"]))
        print(f'same  {r["file_name"]} {r["prog_name"]} ({r["total_insns"]} insns)', flush=True)
    else:
        differ += 1
        open(os.path.join(a.out, tag + ".kernel"), "w").write("\n".join(kl) + "\n")
        open(os.path.join(a.out, tag + ".bpfv"), "w").write("\n".join(bl) + "\n")
        print(f'diff  {r["file_name"]} {r["prog_name"]}', flush=True)
print(f"identical level-2 logs: {len(same)}/{len(rows)} (differing logs in {a.out})")
