"""The characters the PDF's fonts can show, read from the fonts the `typst` package ships.

The Typst compiler carries its fonts inside its binary; this finds each one
there (an OpenType table directory whose tables fit), reads its character map
with fontTools and writes the union as `briefing/formats/pdfglyphs.py`, the
table the PDF writer checks a briefing against. Regenerate it after upgrading
`typst`, from the repository root:

    python -m tests.pdf_fonts > briefing/formats/pdfglyphs.py
"""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path


def typst_fonts() -> dict[str, set[int]]:
    """Each font the installed Typst compiler embeds: its full name -> the code points it maps."""
    import typst
    from fontTools.ttLib import TTFont

    binary = b"".join(p.read_bytes() for p in sorted(Path(typst.__file__).parent.glob("_typst*")))
    fonts: dict[str, set[int]] = {}
    for found in re.finditer(rb"\x00\x01\x00\x00|OTTO", binary):
        start = found.start()
        count, search_range, selector, shift = struct.unpack(
            ">HHHH", binary[start + 4 : start + 12]
        )
        # An sfnt header's binary-search fields follow from its table count: a cheap,
        # strict test that this is a font and not four bytes that happen to match.
        if (
            not 4 <= count <= 64
            or search_range != 16 * 2**selector
            or shift != count * 16 - search_range
        ):
            continue
        end = 0
        for entry in range(count):
            at = start + 12 + 16 * entry
            tag, _, offset, length = struct.unpack(">4sIII", binary[at : at + 16])
            if not re.fullmatch(rb"[ -~]{4}", tag):
                break
            end = max(end, offset + length)
        else:
            font = TTFont(io.BytesIO(binary[start : start + end]))
            fonts[font["name"].getDebugName(4) or str(start)] = set(font.getBestCmap())
    return fonts


def ranges(points: set[int]) -> list[tuple[int, int]]:
    """Code points as sorted, inclusive (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1] = (runs[-1][0], point)
        else:
            runs.append((point, point))
    return runs


def module_text() -> str:
    """The source of `briefing/formats/pdfglyphs.py` for the installed `typst`."""
    from importlib.metadata import version

    fonts = typst_fonts()
    runs = ranges(set().union(*fonts.values()))
    lines = [
        '"""What the PDF\'s fonts can show: made by `python -m tests.pdf_fonts`."""',
        "",
        "# The union of the character maps of the fonts the Typst compiler embeds: with",
        "# system fonts ignored, Typst falls back from the template's font to any of these.",
        f'TYPST_VERSION = "{version("typst")}"',
        "FONTS = (",
        *(f'    "{name}",' for name in sorted(fonts)),
        ")",
        "# Inclusive (first, last) runs of code points, sorted.",
        "RANGES: tuple[tuple[int, int], ...] = (",
        *(f"    (0x{first:X}, 0x{last:X})," for first, last in runs),
        ")",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(module_text(), end="")
