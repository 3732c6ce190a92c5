#!/usr/bin/python3
"""Regenerate the pre-subset Traditional Chinese font shipped in resources/fonts/.

Run with Debian's python3 (python3-fonttools), not a pyenv/venv one:

    /usr/bin/python3 scripts/subset-font.py            # writes the shipped font
    /usr/bin/python3 scripts/subset-font.py --measure  # sizes of every candidate, writes nothing

The source fonts come from Debian packages:
  * fonts-noto-cjk:       /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc
                          (faces NotoSansCJKtc-*, CFF outlines, SIL OFL 1.1)
  * fonts-cns11643-kai:   /usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf
                          (全字庫正楷體, TrueType, 政府資料開放授權條款 v1.0)

Character set (what a citizen's name or address may need on a household-registration form):
ASCII, Latin-1, general punctuation, common symbols (○ □ ☑ ① …), CJK symbols and punctuation,
Bopomofo (+ tone marks), enclosed CJK, CJK compatibility (㎡), full-width/half-width forms,
every character of Big5/CP950 (13,053 hanzi + Big5 symbols), the whole CJK Unified Ideographs
block U+4E00-U+9FFF and Extension A U+3400-U+4DBF (rare characters in names).

CFF charstrings are desubroutinized (see subset_font) so that the per-PDF subsets fontkit writes
stay small.

The output is deterministic: timestamps are not recalculated (head.modified is kept from the
source font), so rerunning on the same Debian package versions yields identical bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, 'resources', 'fonts')

SOURCES = {
    'noto': ('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKtc-Regular'),
    'noto-bold': ('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 'NotoSansCJKtc-Bold'),
    'kai': ('/usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf', None),
}

# The shipped files: (source key, hanzi set, output file name).
SHIPPED = [
    ('noto', 'uro+extA', 'NotoSansCJKtc-Regular-subset.otf'),
]

BASE_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x02C7, 0x02C7), (0x02C9, 0x02CB), (0x02D9, 0x02D9),  # Bopomofo tone marks ˇˉˊˋ˙
    (0x2010, 0x203B),  # dashes, quotes, ‧ … ※
    (0x2103, 0x2103), (0x2105, 0x2105), (0x2116, 0x2116), (0x2121, 0x2121),  # ℃ ℅ № ℡
    (0x2160, 0x2179),  # Roman numerals
    (0x2190, 0x2199),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes □ ■ ○ ● △
    (0x2605, 0x2606), (0x2610, 0x2612), (0x2713, 0x2714), (0x2716, 0x2718),  # ★ ☆ ☐ ☑ ☒ ✓ ✔
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3100, 0x312F),  # Bopomofo
    (0x31A0, 0x31BF),  # Bopomofo extended
    (0x3200, 0x32FF),  # enclosed CJK letters ㈠ ㊣
    (0x3300, 0x33FF),  # CJK compatibility ㎡ ㏄
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFE50, 0xFE6B),  # small form variants
    (0xFF01, 0xFFEF),  # half-width and full-width forms
    (0xFFFD, 0xFFFD),  # replacement character
]


def big5_chars() -> set[int]:
    """Every character Big5 (and Microsoft's CP950 superset) can encode."""
    out: set[int] = set()
    for codec in ('big5', 'cp950'):
        for lead in range(0x81, 0xFF):
            for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
                try:
                    ch = bytes([lead, trail]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and not (0xE000 <= ord(ch) <= 0xF8FF):  # skip private use
                    out.add(ord(ch))
    return out


def is_hanzi(cp: int) -> bool:
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or cp >= 0x20000


def wanted_codepoints(hanzi: str) -> set[int]:
    cps = {cp for lo, hi in BASE_RANGES for cp in range(lo, hi + 1)}
    cps |= big5_chars()
    if hanzi in ('uro', 'uro+extA'):
        cps |= set(range(0x4E00, 0xA000))
    if hanzi == 'uro+extA':
        cps |= set(range(0x3400, 0x4DC0))
    return cps


def load(key: str) -> TTFont:
    path, face = SOURCES[key]
    if face is None:
        return TTFont(path, recalcTimestamp=False)
    coll = TTCollection(path, recalcTimestamp=False)
    for f in coll.fonts:
        if f['name'].getDebugName(6) == face:
            return f
    raise SystemExit(f'face {face} not found in {path}')


def subset_font(key: str, hanzi: str) -> tuple[bytes, dict[str, int]]:
    font = load(key)
    cmap = font.getBestCmap()
    cps = wanted_codepoints(hanzi)
    present = {cp for cp in cps if cp in cmap}
    opts = subset.Options()
    opts.layout_features = ['kern']  # horizontal CJK needs no shaping; kern for Latin runs
    opts.name_IDs = ['*']             # keep copyright/license/version strings
    opts.name_languages = ['*']
    opts.notdef_outline = True
    opts.hinting = False              # PDFs are printed/rendered at high resolution
    opts.glyph_names = False
    # fontkit's CFF subsetter keeps every local/global subroutine slot of the source font (unused
    # ones as 1-byte stubs plus a 3-4 byte INDEX offset each): with Noto CJK's ~23k subroutines
    # that is ~45 KB of PDF per form. Desubroutinized, the shipped file grows by only ~0.4 MB and
    # a form's embedded subset holds just the glyphs it uses (a 40-character line: 49 KB -> 6.6 KB).
    opts.desubroutinize = True
    opts.recalc_timestamp = False
    opts.drop_tables += ['vhea', 'vmtx', 'VORG', 'gasp', 'hdmx', 'VDMX', 'LTSH']
    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=present)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    big5_han = {cp for cp in big5_chars() if is_hanzi(cp)}
    stats = {
        'codepoints_requested': len(cps),
        'codepoints_present': len(present),
        'big5_cp950_hanzi': len(big5_han),
        'big5_hanzi_missing': len(big5_han - set(cmap)),
        'glyphs': font['maxp'].numGlyphs,
    }
    return buf.getvalue(), stats


DEBIAN_COPYRIGHT = '/usr/share/doc/fonts-noto-cjk/copyright'
LICENSE_FILE = 'LICENSE-NotoSansCJKtc.txt'


def license_text(font_path: str) -> str:
    """Copyright lines from the font's name table plus the OFL 1.1 text from Debian's copyright file."""
    font = TTFont(font_path, lazy=True)
    name = font['name']
    copyright_line = name.getDebugName(0) or ''
    trademark = name.getDebugName(7) or ''
    with open(DEBIAN_COPYRIGHT, encoding='utf-8') as fh:
        deb = fh.read()
    # The stand-alone 'License: SIL-1.1' paragraph (indented text), not the 'Files: *' field.
    stanza = deb.split('\nLicense: SIL-1.1\n ', 1)[1].split('\n\n', 1)[0]
    stanza = ' ' + stanza
    body = '\n'.join('' if ln.strip() == '.' else ln[1:] for ln in stanza.splitlines())
    return (
        f'Noto Sans CJK TC Regular (subset: {os.path.basename(font_path)})\n'
        f'{copyright_line}\n'
        + (f'{trademark}\n' if trademark else '')
        + '\nThis Font Software is licensed under the SIL Open Font License, Version 1.1.\n'
        'The subset in this directory is a Modified Version made with scripts/subset-font.py;\n'
        'it keeps the original font names (the license reserves no name that appears in them).\n\n'
        + body.strip() + '\n'
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--measure', action='store_true', help='print sizes of all candidates, write nothing')
    args = ap.parse_args()

    if args.measure:
        for key in ('noto', 'kai', 'noto-bold'):
            for hanzi in ('big5', 'uro', 'uro+extA'):
                data, st = subset_font(key, hanzi)
                print(f'{key:10} {hanzi:9} {len(data) / 1e6:6.2f} MB  {st}', flush=True)
        return 0

    os.makedirs(OUT_DIR, exist_ok=True)
    for key, hanzi, name in SHIPPED:
        data, st = subset_font(key, hanzi)
        if st['big5_hanzi_missing']:
            raise SystemExit(f'{key}: {st["big5_hanzi_missing"]} Big5 hanzi missing')
        out = os.path.join(OUT_DIR, name)
        with open(out, 'wb') as fh:
            fh.write(data)
        print(f'wrote {os.path.relpath(out, REPO)}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}')
        print(f'  {st}')
    lic = os.path.join(OUT_DIR, LICENSE_FILE)
    with open(lic, 'w', encoding='utf-8') as fh:
        fh.write(license_text(os.path.join(OUT_DIR, SHIPPED[0][2])))
    print(f'wrote {os.path.relpath(lic, REPO)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
