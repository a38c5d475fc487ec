#!/usr/bin/env python3
"""Mark one version requirement in an ELF64 shared object's .gnu.version_r as weak (VER_FLG_WEAK).

Usage: mark_version_weak.py FILE VERSION   (edits FILE in place; prints 'patched' or 'already weak')

A weak version requirement lets the dynamic loader accept a library that lacks that version,
as long as every symbol bound to it is found elsewhere (here: in a small shim library).
Only the standard library is used, so the setup needs no Python packages.
"""
import struct
import sys

VER_FLG_WEAK = 0x2


def find_section(data, wanted):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    def header(i):
        return struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
    names_off = header(shstrndx)[4]
    for i in range(shnum):
        h = header(i)
        name_end = data.index(b"\0", names_off + h[0])
        if data[names_off + h[0]:name_end].decode() == wanted:
            return h
    raise SystemExit(f"section {wanted} not found")


def main(path, version):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    verneed = find_section(data, ".gnu.version_r")
    dynstr_off = find_section(data, ".dynstr")[4]
    offset, count = verneed[4], verneed[8]  # sh_offset, sh_info = number of Verneed entries
    for _ in range(count):
        _, cnt, _, aux, nxt = struct.unpack_from("<HHIII", data, offset)
        aux_off = offset + aux
        for _ in range(cnt):
            _, flags, _, name, aux_next = struct.unpack_from("<IHHII", data, aux_off)
            end = data.index(b"\0", dynstr_off + name)
            if data[dynstr_off + name:end].decode() == version:
                if flags & VER_FLG_WEAK:
                    print("already weak")
                    return
                struct.pack_into("<H", data, aux_off + 4, flags | VER_FLG_WEAK)
                with open(path, "wb") as f:
                    f.write(data)
                print("patched")
                return
            aux_off += aux_next
        offset += nxt
    raise SystemExit(f"{path} has no requirement on {version}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
