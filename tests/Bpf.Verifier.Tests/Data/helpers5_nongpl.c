/* Non-GPL license: the GPL-only helpers of helpers5_cases.c are refused (Helpers5Tests.cs, checked with veristat).
 * Build: clang-19 -O2 -g --target=bpf -mcpu=v3 -c helpers5_nongpl.c -o helpers5_nongpl.o */
#include "vmlinux.h"
#define SEC(n) __attribute__((section(n), used))
#define NAKED __attribute__((naked))
char _license[] SEC("license") = "Dual BSD/MIT";
SEC("socket") NAKED int vprintk_nongpl(void) { asm volatile(
 "r1 = 0x0a; *(u64 *)(r10 - 8) = r1; r1 = r10; r1 += -8; r2 = 8; r3 = 0; r4 = 0; call 177; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int send_signal_nongpl(void) { asm volatile("r1 = 9; call 109; r0 = 0; exit;" ::: "memory"); }
SEC("socket") NAKED int branch_snapshot_nongpl(void) { asm volatile("r1 = r10; r1 += -16; r2 = 16; call 176; r0 = 0; exit;" ::: "memory"); }
