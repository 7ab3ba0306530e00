#!/bin/sh
# bpf_misc.h and libbpf headers: Linux 6.12 selftests (the 6.12 tree's tools/lib for bpf/bpf_helpers.h).
S=/opt/ksrc/linux-source-6.12/tools/testing/selftests/bpf
clang-19 -O2 -g --target=bpf -mcpu=v3 -I$S -I$S/progs -I/opt/ksrc/linux-source-6.12/tools/lib -I/usr/include/x86_64-linux-gnu -c tailcall_pkt_cases.c -o tailcall_pkt_cases.o
