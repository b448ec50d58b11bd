"""Demo documents: kinds of party documents with fictional codes and real PDF files.

The PDFs are made here with fpdf2, in DejaVu Sans (Debian's fonts-dejavu-core, which
`.ci/run` installs when missing) so that Vietnamese letters print; without the font the
text is written without diacritics. Nothing is copied from real documents.
"""

import logging
from pathlib import Path

from fpdf import FPDF

import vntext

# fpdf2's font subsetting (fontTools) logs every glyph at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _font() -> Path | None:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            return folder
    return None


def make_pdf(
    title: str, paragraphs: list[str], *, heading: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
) -> bytes:
    """A one- or two-page A4 PDF with a heading, a title and paragraphs of text."""
    pdf = FPDF(format="A4")
    pdf.set_creator("seed_demo")
    folder = _font()
    if folder is not None:
        pdf.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
        family, write = "DejaVu", str
    else:  # no Unicode font: plain ASCII, still real text
        family, write = "Helvetica", vntext.fold
    pdf.add_page()
    pdf.set_font(family, "B", 12)
    pdf.cell(0, 8, write(heading), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(family, "B", 14)
    pdf.multi_cell(0, 8, write(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, write(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """A PDF page with only a drawing on it: what a scanner without OCR produces."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    for row in range(20):
        pdf.rect(20, 20 + row * 12, 170, 6, style="F")
    return bytes(pdf.output())
