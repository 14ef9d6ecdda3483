"""LibreOffice, a real Word-format client, opens the DOCX and converts it to PDF without error."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


needs_libreoffice = pytest.mark.skipif(SOFFICE is None,
                                       reason="LibreOffice is not installed (Debian: libreoffice-writer)")


def _convert(docx_file: Path, folder: Path) -> tuple[list[str], list[bool]]:
    """LibreOffice's own PDF of the DOCX: each page's text, and whether each page is landscape."""
    profile = folder / "profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",  # type: ignore[list-item]
         "--outdir", str(folder), str(docx_file)],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(folder / (docx_file.stem + ".pdf")) as pdf:
        return [page.extract_text() or "" for page in pdf.pages], [page.width > page.height for page in pdf.pages]


@needs_libreoffice
def test_libreoffice_converts_the_docx(example_docx: Path, tmp_path: Path) -> None:
    pages, landscape = _convert(example_docx, tmp_path)
    text = "\n".join(pages)
    assert len(pages) > 10
    assert "Care Quality Commission Improvement Plan Update" in text
    assert "2,070" in text and "5,499" in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert landscape[0] is False and landscape[-1] is True


@needs_libreoffice
def test_libreoffice_shows_the_self_assessment_contents_as_opened(built_example: Callable[[str], Path],
                                                                  tmp_path: Path) -> None:
    pages, landscape = _convert(built_example("self-assessment-2024-09") / "self-assessment.docx", tmp_path)
    contents = "\n".join(pages[1:5])
    for theme in ("Theme 1: Working with people", "Theme 4: Leadership"):
        assert theme in contents  # the pre-filled TOC, without any field update
    assert any(landscape) and not landscape[0]


@needs_libreoffice
def test_libreoffice_opens_the_agenda_and_the_minutes(built_example: Callable[[str], Path], tmp_path: Path) -> None:
    folder = built_example("cabinet-2025-11")
    agenda, _ = _convert(folder / "agenda.docx", tmp_path)
    text = "\n".join(agenda)
    assert "Membership (13)" in text and "(Pages 1 - " in text and "Work Programme (Pages " in text
    minutes, _ = _convert(folder / "minutes-2025-09-10.docx", tmp_path)
    assert "16." in minutes[0] and "RESOLVED" in "\n".join(minutes)
