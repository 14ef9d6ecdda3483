"""Lists, numbering and cross-references in both writers, read back from the real files (and LibreOffice)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn

from conftest import FIXTURES, build, make_project
from lo import SOFFICE, convert, needs_libreoffice, pdf_pages, printed_numbers

LISTS = FIXTURES / "lists"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("lists"), {"lists": LISTS})
    assert build(root, "lists") == 0
    return root / "build" / "lists"


@pytest.fixture(scope="module")
def pdf_text(built: Path) -> str:
    return "\n".join(pdf_pages(built / "report.pdf"))


@pytest.fixture(scope="module")
def word_text(built: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer)")
    return "\n".join(convert(built / "report.docx", tmp_path_factory.mktemp("lists-lo")))


def _lines_after(text: str, first: str, count: int) -> list[str]:
    """``count`` lines of body text from the one starting ``first`` (running headers and footers left out)."""
    lines = [line for line in text.splitlines() if not re.match(r"Page \d+ of \d+$|Kent County Council", line)]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    return lines[start:start + count]


EXPECTED_LISTS = [
    ("1. First step", ["1. First step", "2. Second step", "3. Third step"]),
    ("1. Another first", ["1. Another first", "2. Another second"]),  # a separate list restarts
    ("a) the first option", ["a) the first option", "b) the second option", "i) its first condition",
                             "ii) its second condition", "c) the third option"]),
    ("3. Third,", ["3. Third, as the list starts here", "4. Fourth"]),  # a start number
    ("(a) wrapped", ["(a) wrapped letter one", "(b) wrapped letter two"]),
]


@pytest.mark.parametrize("first, expected", EXPECTED_LISTS, ids=[e[0] for e in EXPECTED_LISTS])
def test_list_styles_restarts_and_starts_in_the_pdf(pdf_text: str, first: str, expected: list[str]) -> None:
    assert _lines_after(pdf_text, first, len(expected)) == expected


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("first, expected", EXPECTED_LISTS, ids=[e[0] for e in EXPECTED_LISTS])
def test_list_styles_restarts_and_starts_in_word(word_text: str, first: str, expected: list[str]) -> None:
    assert _lines_after(word_text, first, len(expected)) == expected


@needs_libreoffice
@pytest.mark.slow
def test_word_shows_the_pdfs_numbers(pdf_text: str, word_text: str) -> None:
    numbers = printed_numbers(pdf_text)
    assert numbers[:4] == ["1.", "1.1", "1.2", "1."]  # heading, paragraphs, then the first list
    assert printed_numbers(word_text) == numbers


def test_nested_lists_keep_their_level_in_the_pdf(built: Path) -> None:
    import pdfplumber

    with pdfplumber.open(built / "report.pdf") as pdf:
        words = [w for page in pdf.pages for w in page.extract_words()]
    x = {w["text"]: w["x0"] for w in words}
    assert x["i)"] > x["b)"] + 10  # the sub-points sit a level in
    bullets = [w["x0"] for w in words if w["text"] == "•"]
    assert min(bullets) + 10 < x["numbered"]  # the numbered points under a bullet sit in from it


def test_each_word_list_is_its_own_numbering_instance(built: Path) -> None:
    document = docx.Document(str(built / "report.docx"))
    numbering = document.part.numbering_part.element
    formats = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        level = abstract.find(qn("w:lvl"))
        formats[abstract.get(qn("w:abstractNumId"))] = (level.find(qn("w:numFmt")).get(qn("w:val")),
                                                        level.find(qn("w:lvlText")).get(qn("w:val")))
    instances = {num.get(qn("w:numId")): num for num in numbering.findall(qn("w:num"))}

    def list_of(text: str) -> tuple[str, int, tuple[str, str], int]:
        paragraph = next(p for p in document.paragraphs if p.text.startswith(text))
        num_pr = paragraph._p.pPr.numPr
        num = instances[str(num_pr.numId.val)]
        start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val"))
        return (str(num_pr.numId.val), num_pr.ilvl.val, formats[num.find(qn("w:abstractNumId")).get(qn("w:val"))],
                int(start))

    first, second = list_of("First step"), list_of("Another first")
    assert first[0] != second[0] and first[3] == second[3] == 1
    assert list_of("the first option")[1:] == (0, ("lowerLetter", "%1)"), 1)
    assert list_of("its first condition")[1:3] == (1, ("lowerRoman", "%1)"))
    assert list_of("Third, as the list")[3] == 3
    assert list_of("wrapped letter one")[2] == ("lowerLetter", "(%1)")
    assert list_of("a numbered point")[1] == 1


def test_numbered_paragraphs_are_word_numbering_not_typed(built: Path) -> None:
    document = docx.Document(str(built / "report.docx"))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("The opening paragraph"))
    assert paragraph._p.pPr.numPr.ilvl.val == 1
    heading = next(p for p in document.paragraphs if p.text == "Introduction")
    assert heading.style.name == "Heading 2" and heading._p.pPr.numPr.ilvl.val == 0
    assert not any(re.match(r"\d+\.\d+\s", p.text) for p in document.paragraphs)


def test_cross_references_print_their_targets_numbers_in_the_pdf(pdf_text: str) -> None:
    assert "The waiting figures are in Table 1 and Figure 1, and the detail in Appendix 1." in pdf_text
    assert "as paragraph 1.2 explains; section 2 sets them out." in pdf_text
    assert "The appendix table is Table 2, and the area is shown in Figure 2." in pdf_text
    assert "Figure 2: The area covered" in pdf_text


def test_an_authors_picture_keeps_its_proportions(built: Path) -> None:
    import pdfplumber

    with pdfplumber.open(built / "report.pdf") as pdf:
        pictures = [image for page in pdf.pages for image in page.images if image["srcsize"] == (300, 100)]
    assert len(pictures) == 1
    assert pictures[0]["width"] / pictures[0]["height"] == pytest.approx(3.0, rel=0.01)
    document = docx.Document(str(built / "report.docx"))
    shape = next(s for s in document.inline_shapes if s._inline.docPr.get("descr") == "A wide band across the county")
    assert shape.width / shape.height == pytest.approx(3.0, rel=0.01)


def test_cross_references_link_in_the_pdf(built: Path) -> None:
    with pikepdf.open(built / "report.pdf") as pdf:
        names = {str(k) for k in _dest_names(pdf)}
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.get("/Subtype") == "/Link"
                 and "/Dest" in a]
        targets = {str(a["/Dest"]) for a in links}
    for anchor in ("table-waits", "figure-waits-chart", "appendix-1", "s-p-why", "s-options"):
        assert anchor in names and anchor in targets, anchor


def _dest_names(pdf: pikepdf.Pdf) -> list[str]:
    tree = pdf.Root.Names.Dests
    names = list(tree.get("/Names", []))[::2]
    for kid in tree.get("/Kids", []):
        names += list(kid.get("/Names", []))[::2]
    return names


def test_cross_references_are_ref_fields_with_cached_numbers(built: Path) -> None:
    with zipfile.ZipFile(built / "report.docx") as package:
        xml = package.read("word/document.xml").decode()
    fields = re.findall(r"<w:instrText[^>]*> (REF|SEQ) ([^<]*?) </w:instrText>.*?<w:t>([^<]*)</w:t>", xml)
    refs = {(body.split()[0], cached) for kind, body, cached in fields if kind == "REF"}
    assert ("n_table_waits", "1") in refs and ("n_figure_waits_chart", "1") in refs
    assert ("n_appendix_1", "1") in refs and ("h_s_p_why", "1.2") in refs and ("h_s_options", "2") in refs
    sequences = [(body, cached) for kind, body, cached in fields if kind == "SEQ"]
    assert ("Table \\* ARABIC", "1") in sequences and ("Figure \\* ARABIC", "1") in sequences
    assert ("Appendix \\* ARABIC", "1") in sequences
    assert 'w:name="n_table_waits"' in xml


@needs_libreoffice
@pytest.mark.slow
def test_cross_references_print_in_word(word_text: str) -> None:
    assert re.search(r"The waiting figures are in Table 1 and Figure 1, and the detail in\s+Appendix 1\.", word_text)
    assert re.search(r"as paragraph 1\.2 explains; section 2\.? sets them out\.", word_text)


@pytest.mark.parametrize("old, new, where, words", [
    ("{@waits-chart}", "{@wait-chart}", "report.md:25:", "no label 'wait-chart' in this document (hint: did you mean "
     "'waits-chart'?"),
    ("The opening paragraph.", "The opening paragraph. {#options}", "report.md:36:",
     "'options' is already set at line 23"),
], ids=["unknown label", "label set twice"])
def test_a_label_mistake_stops_the_build_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str,
                                                     new: str, where: str, words: str) -> None:
    from conftest import edit, fails_cleanly

    root = make_project(tmp_path, {"lists": LISTS})
    edit(root / "content/lists/report.md", old, new)
    assert build(root, "lists") == 2
    captured = capsys.readouterr()
    fails_cleanly(root, "lists", captured.err, captured.out, where, words)


def test_captions_numbered_per_appendix_in_both_formats(tmp_path: Path) -> None:
    from conftest import edit

    root = make_project(tmp_path, {"lists": LISTS})
    (root / "templates" / "per-appendix").mkdir()
    (root / "templates" / "per-appendix" / "theme.yaml").write_text(
        "extends: kent\nnumbering: {captions: appendix, appendices: letters}\n", encoding="utf-8")
    edit(root / "content/lists/pack.yaml", "theme: kent", "theme: per-appendix")
    assert build(root, "lists") == 0
    folder = root / "build" / "lists"
    pdf_text = "\n".join(pdf_pages(folder / "report.pdf"))
    assert "Table A.1: Waiting in the appendix" in pdf_text
    assert "The appendix table is Table A.1, and the area is shown in Figure 2." in pdf_text
    with zipfile.ZipFile(folder / "report.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert re.search(r"Table A\.</w:t>.*?SEQ Table \\\* ARABIC \\r 1 </w:instrText>.*?<w:t>1</w:t>", xml)
    if SOFFICE is not None:
        word_text = "\n".join(convert(folder / "report.docx", tmp_path / "lo"))
        assert "Table A.1: Waiting in the appendix" in word_text and "Table 1: Waiting by quarter" in word_text
