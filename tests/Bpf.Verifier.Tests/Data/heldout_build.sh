#!/bin/sh
# vmlinux.h: bpftool btf dump of the corpus kernel's BTF; bpf_experimental.h and libbpf headers: Linux 6.12 selftests.
S=/opt/ksrc/linux-source-6.12/tools/testing/selftests/bpf
clang-19 -O2 -g --target=bpf -mcpu=v3 -I/tmp/cpuv2/build/include -I$S -I$S/progs -c heldout_cases.c -o heldout_cases.o
clang-19 -O2 -g --target=bpf -mcpu=v3 -I/tmp/cpuv2/build/include -I$S -I$S/progs -c heldout_graph_null.c -o heldout_graph_null.o
clang-19 -O2 -g --target=bpf -mcpu=v3 -I/tmp/cpuv2/build/include -I$S -I$S/progs -c heldout_skb_walk.c -o heldout_skb_walk.o
clang-19 -O2 -g --target=bpf -mcpu=v3 -I/tmp/cpuv2/build/include -I$S -I$S/progs -c heldout_rstat.c -o heldout_rstat.o
