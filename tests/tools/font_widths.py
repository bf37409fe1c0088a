#!/usr/bin/env python3
"""Prints the advance widths of Liberation Serif (metric-compatible with Times
New Roman) as the C++ tables of core/report/xlsx.cpp, in thousandths of an em:
printable ASCII, then the Vietnamese letters whose base letter differs in
width (đ Đ ơ Ơ ư Ư). Reads the TrueType tables directly (no fontTools).
Usage: font_widths.py [DIR]   (default /usr/share/fonts/truetype/liberation2)"""
import os, struct, sys

def widths(path, chars):
    data = open(path, "rb").read()
    n = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
        tables[tag.decode()] = (off, length)
    head = tables["head"][0]
    units = struct.unpack(">H", data[head + 18: head + 20])[0]
    hhea = tables["hhea"][0]
    metrics = struct.unpack(">H", data[hhea + 34: hhea + 36])[0]
    hmtx = tables["hmtx"][0]
    cmap = tables["cmap"][0]
    glyph = None
    for i in range(struct.unpack(">H", data[cmap + 2: cmap + 4])[0]):
        pid, eid, off = struct.unpack(">HHI", data[cmap + 4 + 8 * i: cmap + 12 + 8 * i])
        sub = cmap + off
        if (pid, eid) in ((3, 1), (0, 3)) and struct.unpack(">H", data[sub: sub + 2])[0] == 4:
            segs = struct.unpack(">H", data[sub + 6: sub + 8])[0] // 2
            ends = struct.unpack(f">{segs}H", data[sub + 14: sub + 14 + 2 * segs])
            p = sub + 16 + 2 * segs
            starts = struct.unpack(f">{segs}H", data[p: p + 2 * segs])
            deltas = struct.unpack(f">{segs}h", data[p + 2 * segs: p + 4 * segs])
            ro = p + 4 * segs
            offsets = struct.unpack(f">{segs}H", data[ro: ro + 2 * segs])
            def glyph(c):
                for k in range(segs):
                    if starts[k] <= c <= ends[k]:
                        if offsets[k] == 0:
                            return (c + deltas[k]) & 0xFFFF
                        a = ro + 2 * k + offsets[k] + 2 * (c - starts[k])
                        g = struct.unpack(">H", data[a: a + 2])[0]
                        return (g + deltas[k]) & 0xFFFF if g else 0
                return 0
            break
    out = []
    for c in chars:
        g = min(glyph(ord(c)), metrics - 1)
        adv = struct.unpack(">H", data[hmtx + 4 * g: hmtx + 4 * g + 2])[0]
        out.append(round(adv * 1000 / units))
    return out

folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2"
ascii_chars = [chr(c) for c in range(32, 127)]
extra = "đĐơƠưƯ"
for style in ("Regular", "Bold"):
    path = os.path.join(folder, f"LiberationSerif-{style}.ttf")
    w = widths(path, ascii_chars)
    print(f"// {style}: ' ' … '~'")
    for i in range(0, len(w), 16):
        print("    " + ", ".join(str(x) for x in w[i: i + 16]) + ",")
    print(f"// {style}: {extra}: " + ", ".join(str(x) for x in widths(path, extra)))
