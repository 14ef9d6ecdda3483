"""Both writers render the same structure from a model built by hand, and refuse what they cannot render.

Lists inside callouts, nested lists, row headers in body rows and several blocks in one cell reach
the PDF and the DOCX; a node kind a writer has no rendering for, or a pending node the resolve pass
should have completed, stops the writer instead of being dropped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from reportkit.model import (
    Callout,
    Cell,
    Contents,
    ContentsEntry,
    Document,
    Heading,
    ListBlock,
    Metadata,
    PageRange,
    Paragraph,
    Part,
    Source,
    Table,
    Text,
    ValueRef,
)
from reportkit.theme import load_theme
from reportkit.write.docx import write_docx
from reportkit.write.pdf import write_pdf
from reportkit.write.resources import Resources

from conftest import REPO

WHEN = datetime(2026, 4, 1, tzinfo=UTC)
META = Metadata("Structure", "Test", "An Author", "en-GB", "Unrestricted")


def _p(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def _document(*blocks: object) -> Document:
    return Document("structure", META, (Part((Heading(1, (Text("Structure"),), anchor="title"), *blocks)),))  # type: ignore[arg-type]


STRUCTURE = _document(
    Callout("Case study", (
        _p("In the box."),
        ListBlock(True, ((_p("boxed first"), ListBlock(False, ((_p("boxed nested bullet"),),))), (_p("boxed second"),)),
                  "a)"),
    ), level=2),
    Table("Cells", ((Cell((Text("Area"),), header=True), Cell((Text("Notes"),), header=True)),),
          ((Cell((Text("Ashford"),), header=True),
            Cell((), blocks=(_p("Two things:"), ListBlock(True, ((_p("cell first"),), (_p("cell second"),)), "1.")))),),
          number="1", word="Table"),
)


@pytest.fixture(scope="module")
def theme():  # type: ignore[no-untyped-def]
    return load_theme(REPO / "templates", "kent", (Path("pack.yaml"), 1))


def _write(doc: Document, theme, folder: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    os.environ["SOURCE_DATE_EPOCH"] = str(int(WHEN.timestamp()))
    pdf, word = folder / "structure.pdf", folder / "structure.docx"
    pages = write_pdf(doc, theme, Resources({"theme": theme.folder}), pdf)
    write_docx(doc, theme, word, WHEN, pages)
    return pdf, word


def test_lists_in_callouts_and_cells_reach_both_writers(theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf, word = _write(STRUCTURE, theme, tmp_path)
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(page.extract_text() or "" for page in opened.pages)
        words = {w["text"]: w["x0"] for page in opened.pages for w in page.extract_words()}
    assert "a) boxed first" in text and "b) boxed second" in text and "nested bullet" in text
    assert words["nested"] > words["a)"] + 20  # the nested bullet sits a level in from its item
    assert "1. cell first" in text and "2. cell second" in text

    document = docx.Document(str(word))
    by_text = {p.text: p for p in document.paragraphs}
    boxed = by_text["boxed first"]
    assert boxed._p.pPr.numPr.ilvl.val == 0 and boxed._p.pPr.find(qn("w:shd")) is not None  # numbered, in the box
    assert by_text["boxed nested bullet"]._p.pPr.numPr.ilvl.val == 1
    cell = document.tables[0].rows[1].cells[1]
    assert [p.text for p in cell.paragraphs] == ["Two things:", "cell first", "cell second"]
    assert cell.paragraphs[1]._p.pPr.numPr is not None
    row_header = document.tables[0].rows[1].cells[0].paragraphs[0].runs[0]
    assert row_header.bold


@dataclass(frozen=True)
class Unknown:
    text: str = "never shown"


def test_a_block_neither_writer_knows_is_an_error(theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _document(Unknown())
    with pytest.raises(TypeError, match="cannot write a Unknown"):
        write_pdf(doc, theme, Resources({"theme": theme.folder}), tmp_path / "x.pdf")
    with pytest.raises(TypeError, match="no rendering for a Unknown"):
        write_docx(doc, theme, tmp_path / "x.docx", WHEN)


def test_writers_refuse_a_model_the_resolve_pass_has_not_completed(theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _document(Paragraph((ValueRef("waits.latest", Source(Path("report.md"), 3)),)))
    with pytest.raises(AssertionError, match="resolve pass"):
        write_pdf(doc, theme, Resources({"theme": theme.folder}), tmp_path / "x.pdf")
    with pytest.raises(AssertionError, match="resolve pass"):
        write_docx(doc, theme, tmp_path / "x.docx", WHEN)


def test_the_word_draft_takes_its_page_numbers_only_where_it_left_room_for_them(theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The contents' cached page numbers and a page range are filled from the layout when the draft is
    finished; text that merely looks like a placeholder or a page-range format stays as written."""
    lookalike = 'fill-page="later" and (Pages {start} - {end})'
    doc = _document(Contents("Contents", (ContentsEntry(2, "Later", "later"), ContentsEntry(2, "Gone", "gone"))),
                    Paragraph((Text("Agenda item "), PageRange("later", "end"))), _p(lookalike),
                    Heading(2, (Text("Later"),), anchor="later"), Heading(2, (Text("End"),), anchor="end"))
    word = tmp_path / "draft.docx"
    write_docx(doc, theme, word, WHEN, {"later": 7, "end": 9})
    document = docx.Document(str(word))
    markers = [name for t in document.element.body.iter(qn("w:t")) for name in t.attrib if "fill" in name]
    assert markers == []  # every place left for a page number was filled
    texts = [p.text for p in document.paragraphs]
    assert "Later\t7" in texts and "Gone\t" in texts  # an anchor the layout does not have shows no number
    assert "Agenda item (Pages 7 - 9)" in texts
    assert lookalike in texts


def test_a_render_keeps_the_cycle_collector_out(theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Where the collector runs on its own, it does not run during a render and runs again after it;
    where the process has turned it off (a render worker), the render collects once, first."""
    import gc

    collections: list[int] = []

    def heard(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(heard)
    try:
        pdf, _ = _write(STRUCTURE, theme, tmp_path)  # the PDF, then the DOCX with its page numbers
        during_pdf_and_docx = list(collections)
        collections.clear()
        gc.disable()
        try:
            write_pdf(STRUCTURE, theme, Resources({"theme": theme.folder}), tmp_path / "worker.pdf")
            assert not gc.isenabled()
        finally:
            gc.enable()
    finally:
        gc.callbacks.remove(heard)
    assert gc.isenabled() and pdf.stat().st_size > 0
    with pdfplumber.open(tmp_path / "worker.pdf") as opened:
        assert "boxed first" in (opened.pages[0].extract_text() or "")
    assert collections == [2]  # one full collection, before the render
    assert len(during_pdf_and_docx) < 5  # without the pause: hundreds while WeasyPrint lays the page out
