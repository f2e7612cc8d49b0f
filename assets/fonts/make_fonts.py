#!/usr/bin/env python3
"""Rebuild the embedded Chinese faces from Debian's fonts-noto-cjk (see README.md).

Takes the Simplified Chinese face out of each Noto CJK collection and keeps only the
characters an official document needs, so that gongkai-pdf can compile them in.
Needs: apt-get install fonts-noto-cjk; pip install fonttools. Takes several minutes per face.
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

NOTO = "/usr/share/fonts/opentype/noto"
# (collection, face index of "... CJK SC", output file, with CJK Extension A)
# Only the body face carries Extension A (rare characters of personal names such as 䶮): the
# layout falls back to it for a character the bold faces lack, and the bold faces stay small.
FACES = [
    ("NotoSerifCJK-Regular.ttc", 2, "NotoSerifSC-Regular.otf", True),
    ("NotoSerifCJK-Bold.ttc", 2, "NotoSerifSC-Bold.otf", False),
    ("NotoSansCJK-Bold.ttc", 2, "NotoSansSC-Bold.otf", False),
]
# ASCII and Latin-1, general punctuation, letterlike symbols and number forms, arrows,
# mathematical operators, enclosed numbers (①), box drawing, geometric shapes (□○),
# miscellaneous symbols, CJK symbols and punctuation, enclosed CJK (㈠), all of the
# CJK Unified Ideographs block (every hanzi of GBK), fullwidth forms.
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F), (0x2100, 0x218F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F),
    (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F), (0x3200, 0x32FF),
    (0x4E00, 0x9FFF), (0xFF00, 0xFFEF),
]
EXTENSION_A = (0x3400, 0x4DBF)


def build(collection, index, out, extension_a):
    font = TTCollection(os.path.join(NOTO, collection)).fonts[index]
    cmap = font.getBestCmap()
    ranges = RANGES + [EXTENSION_A] if extension_a else RANGES
    wanted = {cp for lo, hi in ranges for cp in range(lo, hi + 1) if cp in cmap}
    opts = subset.Options()
    opts.layout_features = []  # horizontal text, no shaping: drop GSUB/GPOS lookups
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.drop_tables += ["GSUB", "GPOS", "VORG", "vhea", "vmtx", "BASE", "JSTF", "DSIG"]
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.save(out)
    print(f"{out}: {len(wanted)} characters, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    only = sys.argv[1:]
    for collection, index, out, extension_a in FACES:
        if not only or out in only:
            build(collection, index, os.path.join(here, out), extension_a)
