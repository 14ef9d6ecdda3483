"""LibreOffice, a real Word-format client, opens the DOCX and converts it to PDF without error."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-writer)")
def test_libreoffice_converts_the_docx(example_docx: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(example_docx)],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    converted = tmp_path / (example_docx.stem + ".pdf")
    with pdfplumber.open(converted) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        landscape = [page.width > page.height for page in pdf.pages]
    text = "\n".join(pages)
    assert len(pages) > 10
    assert "Care Quality Commission Improvement Plan Update" in text
    assert "2,070" in text and "5,499" in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert landscape[0] is False and landscape[-1] is True
