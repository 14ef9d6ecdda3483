"""LibreOffice as a real Word-format client: convert a DOCX to PDF headless and read the text back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_libreoffice = pytest.mark.skipif(SOFFICE is None,
                                       reason="LibreOffice is not installed (Debian: libreoffice-writer)")

# a paragraph or section number at the start of a line ("1.", "2.3", "5.2.10"), or a list marker
NUMBER_AT_LINE_START = re.compile(r"^(\d{1,2}\.(?:\d{1,2}(?:\.\d{1,2})?)?|\(?[a-z]{1,4}\)|\d{1,2}\))\s+\S")
CAPTION_LABEL = re.compile(r"\b(?:Table|Figure) [A-Z]?\.?\d+\b")


def convert(docx_file: Path, folder: Path) -> list[str]:
    """LibreOffice's own PDF of the DOCX, as the text of each page."""
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(docx_file)], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return pdf_pages(folder / (docx_file.stem + ".pdf"))


def pdf_pages(pdf_file: Path) -> list[str]:
    with pdfplumber.open(pdf_file) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def printed_numbers(text: str) -> list[str]:
    """Every paragraph, section and list number that starts a line, in order."""
    return [m.group(1) for line in text.splitlines() if (m := NUMBER_AT_LINE_START.match(line))]


def caption_labels(text: str) -> list[str]:
    return CAPTION_LABEL.findall(text)
