#!/usr/bin/env python3
"""Rewrites every SHT_REL section of an ELF64 little-endian object as SHT_RELA (addend 0), the way old toolchains
emitted BPF relocations (OVS datapath.o). The new entries are appended to the file; section headers are patched."""
import struct, sys

src, dst = sys.argv[1], sys.argv[2]
b = bytearray(open(src, "rb").read())
shoff, = struct.unpack_from("<Q", b, 0x28)
shentsize, shnum = struct.unpack_from("<HH", b, 0x3A)
for i in range(shnum):
    h = shoff + i * shentsize
    name, typ, flags, addr, off, size, link, info, align, entsize = struct.unpack_from("<IIQQQQIIQQ", b, h)
    if typ != 9:
        continue
    rela = bytearray()
    for k in range(size // 16):
        r_off, r_info = struct.unpack_from("<QQ", b, off + k * 16)
        rela += struct.pack("<QQq", r_off, r_info, 0)
    while len(b) % 8:
        b.append(0)
    new_off = len(b)
    b += rela
    struct.pack_into("<IIQQQQIIQQ", b, h, name, 4, flags, addr, new_off, len(rela), link, info, align, 24)
open(dst, "wb").write(b)
