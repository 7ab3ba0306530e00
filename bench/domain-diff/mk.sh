#!/bin/bash
# usage: mk.sh name 'asm lines'  (naked function body, must end with exit)
name=$1; shift
body="$*"
cat > $name.c <<EOC
#define SEC(n) __attribute__((section(n), used))
SEC("socket") __attribute__((naked)) int prog(void *ctx)
{
	asm volatile (
$body
	::: "memory");
}
char _license[] SEC("license") = "GPL";
EOC
clang-19 -O2 -g --target=bpf -mcpu=v4 -c $name.c -o $name.o || exit 1
/opt/oracle/bin/veristat -vl2 $name.o 2>&1 | sed -n '/VERIFIER LOG:/,/^processed/p' | grep -v "^VERIFIER LOG\|^func#\|^verification time\|^stack depth"
