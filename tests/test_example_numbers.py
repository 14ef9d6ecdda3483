"""The example packs print the same numbers as before numbering moved into the resolve pass, and Word
(LibreOffice as the client) shows the PDF's numbers, renumbering when an officer inserts a paragraph."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from conftest import REPO
from lo import caption_labels, convert, needs_libreoffice, pdf_pages, printed_numbers

EXPECTED = json.loads((REPO / "tests" / "expected" / "example-numbers.json").read_text(encoding="utf-8"))
PDFS = sorted(key for key in EXPECTED if not key.startswith("_"))
# papers whose paragraphs the house style numbers, so Word numbering carries them
NUMBERED_PAPERS = ["cabinet-2026-07/cqc-improvement-plan-update", "cabinet-2025-11/complaints-report",
                   "cabinet-2025-11/larc-key-decision", "cabinet-2025-11/performance-report",
                   "cabinet-2025-11/public-health-quality-report", "cabinet-2025-11/operational-pressures-plan"]


def _output(built_example: Callable[[str], Path], key: str, suffix: str) -> Path:
    pack, name = key.split("/")
    return built_example(pack) / f"{Path(name).stem}{suffix}"


@pytest.mark.slow
@pytest.mark.parametrize("key", PDFS)
def test_pdf_numbers_are_unchanged(built_example: Callable[[str], Path], key: str) -> None:
    text = "\n".join(pdf_pages(_output(built_example, key, ".pdf")))
    assert printed_numbers(text) == EXPECTED[key]["numbers"]
    assert caption_labels(text) == EXPECTED[key]["captions"]


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("key", NUMBERED_PAPERS)
def test_word_shows_the_pdfs_numbers(built_example: Callable[[str], Path], key: str, tmp_path: Path) -> None:
    pdf_text = "\n".join(pdf_pages(_output(built_example, key, ".pdf")))
    word_text = "\n".join(convert(_output(built_example, key, ".docx"), tmp_path))
    assert len(printed_numbers(pdf_text)) > 15
    assert printed_numbers(word_text) == printed_numbers(pdf_text)
    assert sorted(caption_labels(word_text)) == sorted(caption_labels(pdf_text))


@needs_libreoffice
@pytest.mark.slow
def test_a_paragraph_inserted_in_word_renumbers_those_after_it(example_docx: Path, tmp_path: Path) -> None:
    document = docx.Document(str(example_docx))
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Kent's adult social care service"))
    inserted = copy.deepcopy(paragraphs[index]._p)  # as Word does on Enter: the new paragraph keeps its numbering
    paragraphs[index]._p.addnext(inserted)
    for run in inserted.findall(".//{*}r")[1:]:
        inserted.remove(run)
    inserted.findall(".//{*}t")[0].text = "A paragraph an officer added in Word."
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    lines = "\n".join(convert(edited, tmp_path / "lo")).splitlines()
    assert any(line.startswith("1.2 Kent's adult social care service") for line in lines)
    assert "1.3 A paragraph an officer added in Word." in lines
    assert any(line.startswith("1.4 In July 2025 this Committee") for line in lines)  # was 1.3
    assert any(line.startswith("2.1 ") for line in lines)  # the next section restarts its paragraphs
