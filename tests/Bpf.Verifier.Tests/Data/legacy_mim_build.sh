#!/bin/sh
clang-19 -O2 -g --target=bpf -mcpu=v3 -I/opt/ksrc/linux-source-6.12/tools/lib -I/usr/include/x86_64-linux-gnu -c legacy_mim_cases.c -o legacy_mim_cases.o
