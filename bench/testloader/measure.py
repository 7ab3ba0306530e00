#!/usr/bin/env python3
"""Measure bpfv's test loader on the selftest corpus.

1. Reader: compares the specs bpfv parses (TestLoaderBench --specs) with expectations.jsonl field by field.
2. Runner: tallies `bpfv test` results (TestLoaderBench TSV) and the authors' agreement: how many
   privileged tests bpfv passes, next to how often the 6.18 kernel's verdict (kernel.csv) matches the
   authors' verdict on the same programs.
Usage: measure.py CORPUS_DIR SPECS.jsonl RESULTS.tsv [--list]   (--list: the tests bpfv answers wrongly)
"""
import collections, csv, json, os, re, sys

FLAG_BITS = {"BPF_F_STRICT_ALIGNMENT": 1, "BPF_F_ANY_ALIGNMENT": 2, "BPF_F_TEST_RND_HI32": 4,
             "BPF_F_TEST_STATE_FREQ": 8, "BPF_F_SLEEPABLE": 16, "BPF_F_XDP_HAS_FRAGS": 32,
             "BPF_F_TEST_REG_INVARIANTS": 128}
DEFAULT_FLAGS = 4 | 128   # test_progs' testing_prog_flags()


def flags_of(raw):
    f = DEFAULT_FLAGS
    for x in raw:
        clear = x.startswith("!")
        bit = FLAG_BITS.get(x.lstrip("!"))
        if bit is None:
            bit = int(x.lstrip("!"), 0)
        f = f & ~bit if clear else f | bit
    return f


def reader(expect, specs):
    fields = collections.Counter()
    diffs = collections.defaultdict(list)
    for key, e in expect.items():
        s = specs.get(key)
        if s is None:
            diffs["missing"].append(key)
            continue
        checks = {
            "priv": (e["effective"]["priv"], s["priv"]),
            "unpriv": (e["effective"]["unpriv"], s["unpriv"]),
            "msgs": (e["msgs"], s["msgs"]),
            "unpriv_msgs": (e["unpriv"]["msgs"] or e["msgs"], s["unpriv_msgs"]),
            # "..." only breaks the next-line chain of disassembly patterns; it is no pattern itself.
            "xlated": ([x for x in e["xlated"] if x != "..."], s["xlated"]),
            # test_loader stores strtol's long into an int.
            "retval": (None if e["retval"] is None else (e["retval"] + 2**31) % 2**32 - 2**31, s["retval"]),
            "log_level": (e["log_level"] or 0, s["log_level"]),
            "flags": (flags_of(e["flags"]), s["prog_flags"]),
            "arch": (e["effective"]["runs_on_x86_64"], s["runs_on_x86_64"]),
            "auxiliary": (e["auxiliary"] or e["unpriv"]["auxiliary"], s["auxiliary"]),
            "btf_path": (e["btf_path"], s["btf_path"]),
            "description": (e["description"], s["description"]),
        }
        for name, (want, got) in checks.items():
            fields[name] += 1
            if want != got:
                diffs[name].append((key, want, got))
    extra = [k for k in specs if k not in expect]
    total = len(expect)
    bad = set()
    for name, v in diffs.items():
        for x in v:
            bad.add(x[0] if isinstance(x, tuple) else x)
    print(f"reader: {total - len(bad)}/{total} programs parsed identically to expectations.jsonl "
          f"({len(extra)} extra programs in bpfv's view)")
    for name, v in sorted(diffs.items()):
        print(f"  {name}: {len(v)} differ, e.g. {v[:2]}")


POSIX_CLASSES = {"[:digit:]": "0-9", "[:alpha:]": "a-zA-Z", "[:alnum:]": "a-zA-Z0-9", "[:space:]": " \\t\\n\\r\\f\\v",
                 "[:xdigit:]": "0-9a-fA-F", "[:upper:]": "A-Z", "[:lower:]": "a-z"}


def msgs_match(log, msgs):
    """test_loader's in-order matching (positive messages only), regex parts approximated with Python re."""
    pos = 0
    for m in msgs:
        if "{{" in m:
            parts, pat = re.split(r"(\{\{.*?\}\})", m), ""
            for part in parts:
                if part.startswith("{{") and part.endswith("}}"):
                    body = part[2:-2]
                    for k, v in POSIX_CLASSES.items():
                        body = body.replace(k, v)
                    pat += body
                else:
                    pat += re.escape(part)
            found = re.compile(pat, re.M).search(log, pos)
            if not found:
                return False
            pos = found.end()
        else:
            at = log.find(m, pos)
            if at < 0:
                return False
            pos = at + len(m)
    return True


def kernel_messages(corpus, expect, kernel):
    """The kernel's own message agreement where its log is stored: expected-failure tests at the default log
    level that the kernel rejected (logs/ keeps the last 30 lines of those level-1 logs)."""
    checked = agree = 0
    results = {}
    for k, e in expect.items():
        if e["effective"]["priv"] != "failure" or kernel.get(k) != "failure" or (e["log_level"] or 0) not in (0, 1):
            continue
        path = f"{corpus}/logs/" + (k[0] + "__" + k[1]).replace("/", "__") + ".log"
        if not e["msgs"] or not os.path.exists(path):
            continue
        checked += 1
        ok = msgs_match(open(path, errors="replace").read(), e["msgs"])
        agree += ok
        results[k] = ok
    return checked, agree, results


def runner(corpus, expect, rows):
    kernel = {}
    with open(f"{corpus}/kernel.csv") as f:
        for r in csv.DictReader(f):
            kernel[(r["file_name"], r["prog_name"])] = r["verdict"]
    tally = collections.Counter((r["status"], r["reason"]) for r in rows if r["status"] != "LOADERR")
    status = collections.Counter(r["status"] for r in rows if r["status"] != "LOADERR")
    print(f"\nbpfv test over the corpus: pass {status['Pass']} fail {status['Fail']} skip {status['Skip']} "
          f"({sum(1 for r in rows if r['status'] == 'LOADERR')} objects not loadable)")
    for (s, reason), n in sorted(tally.items(), key=lambda x: -x[1]):
        print(f"  {n:5d} {s} {reason}")

    priv = {(r["file"], r["prog"]): r for r in rows if r["mode"] == "priv"}
    # The privileged tests test_loader runs on x86-64 (auxiliary programs are not tests).
    judged = [k for k, e in expect.items() if e["effective"]["priv"] and e["effective"]["runs_on_x86_64"]
              and not (e["auxiliary"] or e["unpriv"]["auxiliary"])]
    in_kernel = [k for k in judged if k in kernel]
    k_agree = sum(1 for k in in_kernel if kernel[k] == expect[k]["effective"]["priv"])
    ran = [k for k in judged if k in priv and priv[k]["verifier_agrees"] != ""]
    passed = [k for k in ran if priv[k]["verifier_agrees"] == "1"]
    verdict_ok = [k for k in ran if priv[k]["reason"] not in ("unexpected_load_success", "unexpected_load_failure", "bpfv_unsupported")]
    unsupported = sum(1 for k in ran if priv[k]["reason"] == "bpfv_unsupported")
    print(f"\nprivileged annotated tests on x86-64: {len(judged)}")
    kc, ka, kres = kernel_messages(corpus, expect, kernel)
    print(f"  kernel 6.18 messages (expected-failure tests with __msg, default log level, stored 30-line log tail): "
          f"{ka}/{kc} match ({100.0 * ka / max(1, kc):.1f}%)")
    print(f"  kernel 6.18 (veristat, default flags): judged {len(in_kernel)}, verdict agrees with the authors "
          f"on {k_agree} ({100.0 * k_agree / max(1, len(in_kernel)):.1f}%)")
    print(f"  bpfv: verifier part run on {len(ran)}; verdict+messages agree on {len(passed)} "
          f"({100.0 * len(passed) / max(1, len(ran)):.1f}%); verdict agrees on {len(verdict_ok)} "
          f"({100.0 * len(verdict_ok) / max(1, len(ran)):.1f}%); bpfv unsupported on {unsupported}")
    answered = [k for k in ran if priv[k]["reason"] != "bpfv_unsupported"]
    ans_ok = sum(1 for k in answered if priv[k]["verifier_agrees"] == "1")
    print(f"  where bpfv answers (not unsupported): {len(answered)}; verdict+messages agree on {ans_ok} "
          f"({100.0 * ans_ok / max(1, len(answered)):.1f}%)")
    if "--list" in sys.argv:
        for k in answered:
            if priv[k]["verifier_agrees"] != "1":
                print(f"    {k[0]}/{k[1]}: [{priv[k]['reason']}] {priv[k]['message'][:160]}")
    same = [k for k in kres if k in priv and priv[k]["verifier_agrees"] != "" and priv[k]["reason"] != "bpfv_unsupported"]
    same_ok = sum(1 for k in same if (priv[k]["verifier_agrees"] == "1") == kres[k])
    print(f"  bpfv vs kernel on the kernel-message subset where bpfv answers: same test outcome on {same_ok}/{len(same)}")
    both = [k for k in ran if k in kernel]
    both_ok = sum(1 for k in both if priv[k]["verifier_agrees"] == "1")
    print(f"  on the {len(both)} of those the kernel judged: bpfv passes {both_ok} ({100.0 * both_ok / max(1, len(both)):.1f}%)")


def main():
    corpus, specs_path, results_path = sys.argv[1:4]
    expect = {}
    for line in open(f"{corpus}/expectations.jsonl"):
        e = json.loads(line)
        expect[(e["file"], e["prog"])] = e
    specs = {}
    for line in open(specs_path):
        s = json.loads(line)
        specs[(s["file"], s["prog"])] = s
    with open(results_path) as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    reader(expect, specs)
    runner(corpus, expect, rows)


if __name__ == "__main__":
    main()
