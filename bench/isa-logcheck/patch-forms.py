#!/usr/bin/env python3
"""Builds a BPF object whose program exercises the instruction forms the corpus logs lack
(atomic fetch/xchg/cmpxchg, load-acquire/store-release, le64, JSET K, LD_IND B/H, ...):
it copies verifier_gotol.bpf.o and overwrites the relocation-free socket program
gotol_large_imm (40004 slots) with the sequence below, padded with `r0 = 0` and `exit`.
Usage: patch-forms.py SRC_OBJ OUT_OBJ   then: veristat -vl2 -f gotol_large_imm OUT_OBJ
Prints "index<TAB>code dst src off imm" for every slot written, for comparison with the log."""
import struct
import sys

# (code, dst, src, off, imm), encoded here by hand, independently of bpfv.
SEQ = [
    (0xbf, 6, 1, 0, 0), (0xb7, 0, 0, 0, 0), (0x7b, 10, 0, -8, 0), (0x7b, 10, 0, -16, 0),
    (0xb7, 1, 0, 0, 1), (0xbf, 2, 10, 0, 0), (0x07, 2, 0, 0, -8),
    (0xdb, 2, 1, 0, 0x01), (0xdb, 2, 1, 0, 0x51), (0xdb, 2, 1, 0, 0x41), (0xdb, 2, 1, 0, 0xa1),
    (0xdb, 2, 1, 0, 0xe1), (0xdb, 2, 1, 0, 0xf1), (0xdb, 2, 1, 0, 0x50), (0xdb, 2, 1, 0, 0x40),
    (0xdb, 2, 1, 0, 0xa0),
    (0xc3, 2, 1, 0, 0x01), (0xc3, 2, 1, 0, 0x51), (0xc3, 2, 1, 0, 0x41), (0xc3, 2, 1, 0, 0xa1),
    (0xc3, 2, 1, 0, 0xe1), (0xc3, 2, 1, 0, 0xf1), (0xc3, 2, 1, 0, 0x50), (0xc3, 2, 1, 0, 0x40),
    (0xc3, 2, 1, 0, 0xa0),
    (0xdb, 1, 2, 0, 0x100), (0xc3, 1, 2, -4, 0x100), (0xcb, 1, 2, 2, 0x100), (0xd3, 1, 2, 1, 0x100),
    (0xdb, 2, 1, 0, 0x110), (0xc3, 2, 1, 4, 0x110), (0xcb, 2, 1, -2, 0x110), (0xd3, 2, 1, 0, 0x110),
    (0xd4, 0, 0, 0, 64), (0xd4, 0, 0, 0, 16), (0xdc, 0, 0, 0, 64), (0xd7, 0, 0, 0, 16),
    (0x45, 0, 0, 0, 1), (0x46, 0, 0, 0, 0x7fffffff), (0x45, 0, 0, 0, -2),
    (0xb7, 7, 0, 0, 0), (0x48, 0, 7, 0, 0), (0x50, 0, 7, 0, 2), (0x40, 0, 7, 0, -1),
    (0x30, 0, 0, 0, 0), (0x28, 0, 0, 0, 4), (0x20, 0, 0, 0, 8),
    (0x06, 0, 0, 0, 0), (0xe5, 0, 0, 0, 0), (0x87, 0, 0, 0, 0), (0x84, 0, 0, 0, 0),
    (0xbf, 3, 0, 8, 0), (0xbc, 3, 0, 16, 0), (0xbf, 3, 0, 32, 0), (0xbc, 3, 0, 8, 0),
    (0x91, 4, 10, -8, 0), (0x89, 4, 10, -8, 0), (0x81, 4, 10, -8, 0),
    (0x37, 3, 0, 1, 7), (0x94, 3, 0, 1, -3), (0x3f, 3, 3, 1, 0), (0x9c, 3, 3, 1, 0),
    (0x72, 10, 0, -1, -1), (0x6a, 10, 0, -4, 0x7fff), (0x62, 10, 0, -8, -2147483648),
]


def main():
    src, out = sys.argv[1], sys.argv[2]
    d = bytearray(open(src, 'rb').read())
    shoff, = struct.unpack_from('<Q', d, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', d, 0x3a)
    secs = [struct.unpack_from('<IIQQQQIIQQ', d, shoff + i * shentsize) for i in range(shnum)]
    symtab = next(s for s in secs if s[1] == 2)
    strtab = secs[symtab[6]]
    for k in range(symtab[5] // 24):
        nm, info, other, shndx, val, size = struct.unpack_from('<IBBHQQ', d, symtab[4] + k * 24)
        end = d.index(b'\0', strtab[4] + nm)
        if d[strtab[4] + nm:end] == b'gotol_large_imm':
            base, count = secs[shndx][4] + val, size // 8
            break
    else:
        sys.exit('gotol_large_imm not found')
    slots = SEQ + [(0xb7, 0, 0, 0, 0)] * (count - len(SEQ) - 1) + [(0x95, 0, 0, 0, 0)]
    for i, (code, dst, srcreg, off, imm) in enumerate(slots):
        struct.pack_into('<BBhi', d, base + i * 8, code, dst | (srcreg << 4), off, imm)
    open(out, 'wb').write(d)
    for i, s in enumerate(SEQ):
        print(f'{i}\t' + ' '.join(str(x) for x in s))


main()
