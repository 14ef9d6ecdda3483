"""A second council's house style from theme configuration alone, read back from the real files.

The cabinet-2026-07 content is built in templates/banner by changing only its pack.yaml's theme: line;
Kent's own output of the same content is unchanged.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from conftest import REPO, build, edit, fails_cleanly, make_project
from lo import SOFFICE, convert, pdf_pages, printed_numbers

PAPER = "cqc-improvement-plan-update"


@pytest.fixture(scope="module")
def banner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("banner"), {"cabinet-2026-07": REPO / "content" / "cabinet-2026-07"})
    edit(root / "content/cabinet-2026-07/pack.yaml", "theme: kent", "theme: banner")
    assert build(root, "cabinet-2026-07") == 0
    return root / "build" / "cabinet-2026-07"


@pytest.fixture(scope="module")
def pages(banner: Path) -> list[str]:
    return pdf_pages(banner / f"{PAPER}.pdf")


@pytest.fixture(scope="module")
def document(banner: Path) -> docx.document.Document:
    return docx.Document(str(banner / f"{PAPER}.docx"))


def _body(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.splitlines()[1:-1]]  # without running header and footer


def test_kents_output_is_unchanged(example_pdf: Path) -> None:
    expected = (REPO / "tests" / "expected" / "cabinet-2026-07.txt").read_text(encoding="utf-8")
    assert "\n".join(pdf_pages(example_pdf)) + "\n" == expected


def test_paragraphs_are_numbered_flat_under_unnumbered_headings(pages: list[str]) -> None:
    lines = _body(pages)
    numbers = [int(m.group(1)) for line in lines if (m := re.match(r"^(\d{1,3})\. \S", line))]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 40
    assert not any(re.match(r"^\d+\.\d+ ", line) for line in lines)
    assert "Introduction" in lines and "Background" in lines  # headings without numbers


def test_the_report_opens_with_a_banner(pages: list[str]) -> None:
    first = pages[0].splitlines()
    assert first[1] == "Adult Social Care and Public Health Cabinet Committee – 8 July 2026"
    assert first[2].startswith("Care Quality Commission Improvement Plan")
    assert any(line.startswith("Report of the Cabinet Member for Adult Social Care") for line in first)
    assert not any(line.startswith(("From:", "To:", "Classification:")) for line in first)
    assert any(line.startswith("Purpose of report:") for line in first)


def test_points_under_a_paragraph_are_lettered(pages: list[str]) -> None:
    lines = _body(pages)
    index = next(i for i, line in enumerate(lines) if line.startswith('a) "I statements"'))
    assert re.match(r"^\d+\. The framework for local authority assurance", lines[index - 2])
    assert lines[index + 2].startswith('b) "We statements"')


def test_closing_sections_in_the_house_styles_order(pages: list[str]) -> None:
    lines = _body(pages)
    order = [lines.index(title) for title in ("Appendices", "Background papers", "Officers to contact")]
    assert order == sorted(order)
    assert "Recommendations" not in lines and "Report authors" not in lines
    contacts = lines[order[-1]:]
    assert any(line.startswith("Tel: 03000 ") for line in contacts)
    assert any(line.startswith("Email: ") and "@kent.gov.uk" in line for line in contacts)


def test_appendices_are_lettered(pages: list[str]) -> None:
    lines = _body(pages)
    assert "• Appendix A: KCC CQC Updated Improvement Plan, July 2026" in lines
    assert any("DHSC's behalf (Appendix A)" in line for line in lines)  # a cross-reference follows the style
    assert any(page.splitlines()[0] == "Kent County Council – Appendix A" for page in pages)


def test_no_classification_marking_and_the_page_number_alone(pages: list[str]) -> None:
    for number, page in enumerate(pages, start=1):
        lines = page.splitlines()
        assert "Unrestricted" not in lines[0]
        assert lines[-1] == str(number)


def test_word_uses_flat_numbering_and_a_banner(document: docx.document.Document, banner: Path) -> None:
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "Adult Social Care and Public Health Cabinet Committee – 8 July 2026"
    assert paragraphs[1].style.name == "Heading 1"
    numbering = document.part.numbering_part.element
    texts = {a.get(qn("w:abstractNumId")): [(lvl.find(qn("w:numFmt")).get(qn("w:val")),
                                             lvl.find(qn("w:lvlText")).get(qn("w:val")))
                                            for lvl in a.findall(qn("w:lvl"))]
             for a in numbering.findall(qn("w:abstractNum"))}
    abstract_of = {n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(qn("w:val"))
                   for n in numbering.findall(qn("w:num"))}

    def level(text: str) -> tuple[str, str]:
        paragraph = next(p for p in paragraphs if p.text.startswith(text))
        num_pr = paragraph._p.pPr.numPr
        return texts[abstract_of[str(num_pr.numId.val)]][num_pr.ilvl.val]

    assert level("The Care Quality Commission (CQC) brought in") == ("decimal", "%1.")
    assert level('"I statements"') == ("lowerLetter", "%1)")
    heading = next(p for p in paragraphs if p.text == "Introduction")
    assert heading._p.pPr is None or heading._p.pPr.numPr is None
    headings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    start = headings.index("Appendices")
    assert headings[start:start + 3] == ["Appendices", "Background papers", "Officers to contact"]
    with zipfile.ZipFile(banner / f"{PAPER}.docx") as package:
        xml = package.read("word/document.xml").decode()
        parts = "".join(package.read(n).decode() for n in package.namelist()
                        if re.match(r"word/(header|footer)\d*\.xml", n))
    assert re.search(r"SEQ Appendix \\\* ALPHABETIC </w:instrText>.*?<w:t>A</w:t>", xml)
    assert "Unrestricted" not in parts and ">Page " not in parts and " PAGE " in parts


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-writer)")
def test_word_shows_the_flat_numbers(banner: Path, pages: list[str], tmp_path: Path) -> None:
    word = "\n".join(convert(banner / f"{PAPER}.docx", tmp_path))
    pdf_numbers = printed_numbers("\n".join(_body(pages)))
    assert printed_numbers(word) == pdf_numbers
    assert "a)" in pdf_numbers and not any(re.match(r"\d+\.\d", n) for n in pdf_numbers)


@pytest.mark.parametrize("old, new, where, words", [
    ("recommendations:", "recomendations:", "cqc-improvement-plan-update.md:", "unknown field 'recomendations'"),
    ("  - name: Georgia Foster", "  - name: ' '", "cqc-improvement-plan-update.md:4", "'from.0.name' is empty"),
])
def test_empty_or_misspelt_fields_stop_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str,
                                                 new: str, where: str, words: str) -> None:
    root = make_project(tmp_path, {"cabinet-2026-07": REPO / "content" / "cabinet-2026-07"})
    edit(root / "content/cabinet-2026-07/cqc-improvement-plan-update.md", old, new)
    assert build(root, "cabinet-2026-07") == 2
    captured = capsys.readouterr()
    fails_cleanly(root, "cabinet-2026-07", captured.err, captured.out, where, words)


def test_an_empty_required_summary_stops_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"cabinet-2026-07": REPO / "content" / "cabinet-2026-07"})
    report = root / "content/cabinet-2026-07/cqc-improvement-plan-update.md"
    text = report.read_text(encoding="utf-8")
    start = text.index("summary: ")
    end = text.index("\nrecommendations:")
    report.write_text(text[:start] + 'summary: ""' + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    assert build(root, "cabinet-2026-07") == 2
    captured = capsys.readouterr()
    fails_cleanly(root, "cabinet-2026-07", captured.err, captured.out, f"cqc-improvement-plan-update.md:{line}:",
                  "'summary' is empty")


def test_a_misspelt_theme_key_names_the_theme_file_and_the_valid_keys(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"cabinet-2026-07": REPO / "content" / "cabinet-2026-07"})
    edit(root / "templates/banner/theme.yaml", "numbering:", "numberring:")
    edit(root / "content/cabinet-2026-07/pack.yaml", "theme: kent", "theme: banner")
    assert build(root, "cabinet-2026-07") == 2
    err = capsys.readouterr().err
    line = next(i for i, text in enumerate((root / "templates/banner/theme.yaml").read_text().splitlines(), 1)
                if text.startswith("numberring:"))
    assert f"templates/banner/theme.yaml:{line}: unknown field 'numberring'" in err
    for key in ("colours", "numbering", "report", "wording", "meeting"):
        assert key in err


def test_a_new_theme_and_pack_build_at_once(tmp_path: Path) -> None:
    from reportkit.cli import main

    root = make_project(tmp_path, {})
    (root / "content").mkdir()
    assert main(["--root", str(root), "new", "theme", "my-council", "--extends", "kent"]) == 0
    assert main(["--root", str(root), "new", "pack", "my-report", "--theme", "my-council"]) == 0
    assert build(root, "my-report") == 0
    assert not [p for p in (root / "templates" / "my-council").rglob("*") if p.suffix in (".ttf", ".otf")]
    text = "\n".join(pdf_pages(root / "build" / "my-report" / "report.pdf"))
    assert "1.1 Write the report here." in text and "Table 1: People waiting by quarter" in text
    assert main(["--root", str(root), "new", "pack", "my-report"]) == 2  # never overwritten


def test_the_councils_word_template_is_the_docx_base(document: docx.document.Document) -> None:
    caption = next(p for p in document.paragraphs if p.text.startswith("Table 1: "))
    assert caption.style.name == "Report Caption"  # the template's own style, mapped in the theme
    assert document.tables[0].style.name == "Report Table"
    assert round(document.sections[0].left_margin.mm) == 25  # the template's page set-up, not the theme's 20 mm
    header = document.sections[0].header
    assert "Committee report" in header.paragraphs[0].text
    logos = header.part.element.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    assert [logo.get("descr") for logo in logos] == ["The council's logo"]
    assert all(s.header.is_linked_to_previous for s in document.sections[1:])  # the logo carries on


def test_a_dotx_template_and_a_missing_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"cabinet-2026-07": REPO / "content" / "cabinet-2026-07"})
    edit(root / "content/cabinet-2026-07/pack.yaml", "theme: kent", "theme: banner")
    source = root / "templates/banner/word-template.docx"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(source.with_suffix(".dotx"), "w") as dotx:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            dotx.writestr(info, data)
    edit(root / "templates/banner/theme.yaml", "file: word-template.docx", "file: word-template.dotx")
    assert build(root, "cabinet-2026-07") == 0
    word = docx.Document(str(root / "build/cabinet-2026-07/cqc-improvement-plan-update.docx"))
    assert any(p.style.name == "Report Caption" for p in word.paragraphs)
    edit(root / "templates/banner/theme.yaml", "caption: Report Caption", "caption: Report Captions")
    assert build(root, "cabinet-2026-07") == 2
    err = capsys.readouterr().err
    assert "templates/banner/theme.yaml: the Word template has no style 'Report Captions'" in err
