"""The CQC self-assessment pack: contents with real page numbers, Word TOC, running headers, landscape
pages, scores against the framework, and values that change everywhere at once."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pikepdf
import pytest

from accessibility import check_docx, check_pdf, docx_alt_texts, pdf_alt_texts
from conftest import FIXTURES, build, edit, fails_cleanly, make_project

PACK = "self-assessment-2024-09"
TITLE = "Adult Social Care Self-assessment Update"
THEMES = ["Working with people", "Providing support", "Ensuring safety within the system", "Leadership"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """(heading, page) for every line of the PDF's contents list."""
    entries = []
    for text in pages[1:8]:
        entries += [(m[1].strip(), int(m[2])) for m in re.finditer(r"^(.+?)\.{3,}\s*(\d+)$", text, re.M)]
    return entries


def _word_toc(path: Path) -> list[tuple[str, str]]:
    """(text, page) of each entry the TOC field already holds, read from document.xml."""
    body = docx.Document(str(path)).element.body
    entries, inside, depth = [], False, 0  # the page numbers are PAGEREF fields nested in the TOC field
    for paragraph in body.iter(f"{W}p"):
        instr = "".join(t.text or "" for t in paragraph.iter(f"{W}instrText"))
        if "TOC" in instr:
            inside = True
        if inside:
            link = paragraph.find(f"{W}hyperlink")
            texts = [t.text or "" for t in link.iter(f"{W}t")] if link is not None else []
            if texts:
                entries.append((texts[0], texts[-1] if len(texts) > 1 else ""))
            for char in paragraph.iter(f"{W}fldChar"):
                depth += {"begin": 1, "end": -1}.get(char.get(f"{W}fldCharType"), 0)
            if depth == 0:
                break
    return entries


@pytest.fixture(scope="module")
def example(built_example: Callable[[str], Path]) -> Path:
    return built_example(PACK)


@pytest.fixture(scope="module")
def example_pages(example: Path) -> list[str]:
    return _pages(example / "self-assessment.pdf")


def _bookmark_pages(path: Path) -> dict[str, list[int]]:
    """Each bookmark's title and the pages its destinations are on, from the PDF outline."""
    found: dict[str, list[int]] = {}
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                found.setdefault(item.title, []).append(pages[item.destination[0].objgen])
                stack.extend(item.children)
    return found


def test_pdf_contents_page_numbers_are_the_pages_the_headings_are_on(example: Path, example_pages: list[str]) -> None:
    entries = _contents(example_pages)
    assert len(entries) > 40
    assert [name for name, _ in entries if name.startswith("Theme")] == [f"Theme {i}: {t}" for i, t in
                                                                           enumerate(THEMES, start=1)]
    bookmarks = _bookmark_pages(example / "self-assessment.pdf")
    for heading, page in entries:
        assert page in bookmarks[heading], (heading, page, bookmarks[heading])
        assert heading in " ".join(example_pages[page - 1].split()), (heading, page)


def test_word_contents_lists_the_headings_before_any_field_update(example: Path, example_pages: list[str]) -> None:
    toc = _word_toc(example / "self-assessment.docx")
    headings = [p.text for p in docx.Document(str(example / "self-assessment.docx")).paragraphs
                if p.style.name in ("Heading 2", "Heading 3") and p.text != "Contents"]
    assert [text for text, _ in toc] == headings
    assert dict(toc) == {k: str(v) for k, v in _contents(example_pages)}  # page numbers from the PDF's layout
    with zipfile.ZipFile(example / "self-assessment.docx") as package:
        settings = package.read("word/settings.xml").decode()
    assert "w:updateFields" in settings  # Word refreshes the numbers for its own layout


def test_each_theme_starts_a_page_with_its_running_header(example_pages: list[str]) -> None:
    for number, theme in enumerate(THEMES, start=1):
        page = next(p for p in example_pages if f"\nTheme {number}: {theme}\n" in p)
        lines = page.splitlines()
        assert lines[0].startswith(f"Kent County Council – {theme}")
        assert lines[1] == f"Theme {number}: {theme}"  # the first thing on its page
        later = [p for p in example_pages if p.splitlines()[0].startswith(f"Kent County Council – {theme}")]
        assert len(later) > 3


def test_landscape_pages_in_both_formats(example: Path, example_pages: list[str]) -> None:
    with pikepdf.open(example / "self-assessment.pdf") as pdf:
        wide = [i for i, page in enumerate(pdf.pages) if float(page.MediaBox[2]) > float(page.MediaBox[3])]
    assert wide and "Carers' survey" in example_pages[wide[0]]
    sections = docx.Document(str(example / "self-assessment.docx")).sections
    assert [s.page_width > s.page_height for s in sections].count(True) >= 1


def test_scores_and_overall_rating_as_published(example: Path, example_pages: list[str]) -> None:
    text = " ".join(example_pages)
    assert "Overall: 20 of 36 (55.6%): Requires improvement." in text
    document = docx.Document(str(example / "self-assessment.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Quality statement")
    scores = [row.cells[2].text for row in table.rows[1:-1]]
    assert scores == ["2", "2", "3", "2", "2", "2", "2", "2", "3"]
    assert table.rows[-1].cells[2].text == "20 of 36 (55.6%)"


def test_accessibility_properties_hold(example: Path) -> None:
    check_pdf(example / "self-assessment.pdf", TITLE)
    check_docx(example / "self-assessment.docx", TITLE)


def test_charts_are_opaque_images_with_no_second_mask_image(example: Path) -> None:
    """Each chart is one RGB image: in the PDF, no soft mask beside it; in the DOCX, no alpha channel."""
    import io

    from PIL import Image

    with pikepdf.open(example / "self-assessment.pdf") as pdf:  # read while it is open
        images = [image for page in pdf.pages for image in page.get_images().values()]
        assert len(images) >= 9  # the self-assessment's charts
        assert all("/SMask" not in image and image.ColorSpace == "/DeviceRGB" for image in images)
    with zipfile.ZipFile(example / "self-assessment.docx") as package:
        charts = [package.read(name) for name in package.namelist() if name.endswith(".png")]
    assert len(charts) >= 9 and {Image.open(io.BytesIO(chart)).mode for chart in charts} == {"RGB"}


@pytest.fixture
def sa_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {"sa": FIXTURES / "sa"})



def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_one_changed_value_updates_text_table_chart_and_rating(sa_project: Path) -> None:
    assert build(sa_project, "sa") == 0
    out = sa_project / "build" / "sa"
    edit(sa_project / "content" / "sa" / "data" / "assessments.csv", "17500,18117", "17500,19004")
    edit(sa_project / "content" / "sa" / "data" / "cqc-scores.csv", "Assessing needs,2,", "Assessing needs,1,")
    edit(sa_project / "content" / "sa" / "data" / "cqc-scores.csv", "Safeguarding,2,", "Safeguarding,1,")
    assert build(sa_project, "sa") == 0
    pdf_text = " ".join(_pages(out / "self-assessment.pdf"))
    word = _docx_text(out / "self-assessment.docx")
    for text in (pdf_text, word):
        assert "18,117" not in text
        assert "Assessments completed: 19,004." in text  # prose
        assert "19,004 assessments completed" in text  # key statistics panel
        assert "Assessments completed 17,500 19,004" in re.sub(r"\s+", " ", text.replace("\n", " ")) or "19,004" in text
        assert "18 of 36 (50.0%): Requires improvement" in text  # total and rating
    with pikepdf.open(out / "self-assessment.pdf") as pdf:
        alts = pdf_alt_texts(pdf)
    assert any("2022/23 17,500; 2023/24 19,004" in a for a in alts)  # the chart
    assert any("Assessing needs 1; " in a for a in alts)  # the scores chart
    assert any("2023/24 19,004" in a for a in docx_alt_texts(docx.Document(str(out / "self-assessment.docx"))))


def test_a_total_between_bands_is_printed_as_ambiguous(sa_project: Path) -> None:
    scores = sa_project / "content" / "sa" / "data" / "cqc-scores.csv"
    for old, new in (("Equity in experience and outcomes,3", "Equity in experience and outcomes,1"),
                     ("Partnerships and communities,2", "Partnerships and communities,1"),
                     ("transitions\",2", "transitions\",1"), ("Safeguarding,2", "Safeguarding,1"),
                     ("innovation\",3", "innovation\",2")):  # 2+2+1+2+1+2+1+2+1 = 14
        edit(scores, old, new)
    assert build(sa_project, "sa") == 0
    text = re.sub(r"\s+", " ", " ".join(_pages(sa_project / "build" / "sa" / "self-assessment.pdf")))
    assert "14 of 36 (38.9%): between Inadequate and Requires improvement" in text


BAD = {
    "quality statement typo in a theme": ("theme-1.md", "Supporting people to live healthier lives]",
                                          "Supporting people to live healthy lives]", "theme-1.md:4",
                                          "did you mean 'Supporting people to live healthier lives'"),
    "statement of another theme": ("theme-1.md", "[Assessing needs,", "[Safeguarding,", "theme-1.md:4",
                                   "it belongs to 'Ensuring safety within the system'"),
    "theme typo": ("theme-1.md", "theme: Working with people", "theme: Working with peple", "theme-1.md:3",
                   "did you mean 'Working with people'"),
    "quality statement typo in the scores": ("data/cqc-scores.csv", "Safeguarding,2,", "Safegaurding,2,",
                                             "cqc-scores.csv:9", "did you mean 'Safeguarding'"),
    "score above four": ("data/cqc-scores.csv", "Safeguarding,2,", "Safeguarding,5,", "cqc-scores.csv:9",
                         "published score '5' is not a whole number from 1 to 4"),
    "score of zero": ("data/cqc-scores.csv", "Assessing needs,2,", "Assessing needs,0,", "cqc-scores.csv:3",
                      "from 1 to 4"),
    "statement scored twice": ("data/cqc-scores.csv", "Safeguarding,2,", "Assessing needs,2,", "cqc-scores.csv:9",
                               "'Assessing needs' is scored twice"),
    "theme missing a required section": ("theme-1.md", "# Our strengths", "# Strengths", "theme-1.md:3",
                                         "no '# Our strengths' section"),
    "survey years that do not line up": ("data/carers-survey.csv",
                                         "neglecting,Carers who feel they neglect themselves,lower,Kent,2021/22",
                                         "neglecting,Carers who feel they neglect themselves,lower,Kent,2020/21",
                                         "carers-survey.csv:8", "do not line up"),
    "survey comparator missing the latest year": ("data/carers-survey.csv",
                                                  "support_group,Carers with a support group,higher,England,2023/24",
                                                  "support_group,Carers with a support group,higher,England,2021/22",
                                                  "carers-survey.csv:13", "no England value for 2023/24"),
    "unknown chapter": ("self-assessment.md", "  - theme-1.md", "  - theme-one.md", "self-assessment.md:9",
                        "chapter 'theme-one.md' not found"),
    "unknown block": ("theme-1.md", "```survey", "```surveys", "theme-1.md:35", "did you mean 'survey'"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_self_assessment_input_fails_cleanly(case: str, sa_project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    relative, old, new, where, words = BAD[case]
    edit(sa_project / "content" / "sa" / relative, old, new)
    assert build(sa_project, "sa") == 2
    captured = capsys.readouterr()
    fails_cleanly(sa_project, "sa", captured.err, captured.out, where, words)
    assert not (sa_project / "build" / "sa").exists()
