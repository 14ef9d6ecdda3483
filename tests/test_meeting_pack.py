"""The meeting pack: front sheet page ranges against the bound PDF, right-hand starts, blank pages,
bookmarks, exempt items kept out of every public output, and the papers on their own."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pytest
import yaml

from accessibility import check_docx, check_pdf
from conftest import FIXTURES, REPO, build, make_project
from meetingpdf import BLANK, BoundPage, bound_pages, front_sheet_ranges, outline

EXAMPLE = "cabinet-2025-11"


@pytest.fixture(scope="session")
def example(built_example: Callable[[str], Path]) -> Path:
    return built_example(EXAMPLE)


@pytest.fixture(scope="session")
def example_pages(example: Path) -> list[BoundPage]:
    return bound_pages(example / "agenda-pack.pdf")


@pytest.fixture(scope="session")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/meeting of the test meeting: an exempt item, a verbal item, a paper from another pack."""
    root = make_project(tmp_path_factory.mktemp("meeting"),
                        {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    assert build(root, "meeting") == 0
    return root / "build" / "meeting"


def _items_with_papers(pack: Path) -> dict[int, list[str]]:
    spec = yaml.safe_load((pack / "pack.yaml").read_text(encoding="utf-8"))["meeting"]
    return {item["number"]: item.get("papers", []) for item in spec["items"]}


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        xml = "".join(package.read(n).decode() for n in package.namelist()
                      if n.startswith("word/") and n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)


def _check_ranges(pack_pdf: Path, expected_items: set[int]) -> list[BoundPage]:
    """Every '(Pages x - y)': x is the printed number of the page the item's bookmark opens and the
    page its paper's title is on; y is the item's last page with content; anything between y and the
    next item is a blank page saying so."""
    pages = bound_pages(pack_pdf)
    ranges = front_sheet_ranges(pages)
    assert set(ranges) == expected_items
    by_printed = {p.printed: p for p in pages if p.printed is not None}
    marks = {int(title.split()[0]): index for level, title, index in outline(pack_pdf) if level == 1
             and title.split()[0].isdigit()}
    assert set(marks) == expected_items, "one bookmark per item with papers"
    starts = sorted(ranges.values(), key=lambda r: r[1])
    last_printed = max(by_printed)
    for number, (title, first, last) in ranges.items():
        assert pages[marks[number] - 1].printed == first, (number, title)
        assert first % 2 == 1 and marks[number] % 2 == 1, f"item {number} starts on a left-hand page"
        following = [s[1] for s in starts if s[1] > first]
        end = (following[0] - 1) if following else last_printed
        assert first <= last <= end
        assert not by_printed[last].text.startswith(BLANK)
        for page in range(last + 1, end + 1):
            assert by_printed[page].text == BLANK, f"page {page} after item {number} should be blank"
    return pages


def test_example_front_sheet_ranges_match_the_bound_pack(example: Path) -> None:
    papered = {n for n, papers in _items_with_papers(REPO / "content" / EXAMPLE).items() if papers}
    pages = _check_ranges(example / "agenda-pack.pdf", papered)
    assert sum(p.text == BLANK for p in pages) >= 2, "the example needs blank pages for this test to bite"
    numbered = [p.printed for p in pages if p.printed is not None]
    assert numbered == list(range(1, len(numbered) + 1)), "page numbers run on through the whole pack"


def test_each_item_opens_with_its_paper(example: Path) -> None:
    pages = bound_pages(example / "agenda-pack.pdf")
    ranges = front_sheet_ranges(pages)
    by_printed = {p.printed: p for p in pages if p.printed is not None}
    titles = {"minutes-2025-09-10": 5, "complaints-report": 7, "performance-report": 9,
              "market-position-statement": 11, "larc-key-decision": 12, "work-programme": 13}
    for slug, item in titles.items():
        with pdfplumber.open(example / f"{slug}.pdf") as paper:
            title = paper.metadata["Title"]
        first_page = by_printed[ranges[item][1]].text
        assert " ".join(title.split()[:4]) in " ".join(first_page.split()), (slug, title)


def test_blank_pages_say_so_and_only_they_do(example: Path) -> None:
    for page in bound_pages(example / "agenda-pack.pdf"):
        if BLANK in page.text:
            assert page.text == BLANK
        else:
            assert page.text, f"page {page.index} is empty without saying so"


def test_bookmarks_per_item_and_per_paper(example: Path) -> None:
    marks = outline(example / "agenda-pack.pdf")
    items = [(i, title) for i, (level, title, _) in enumerate(marks) if level == 1 and title[0].isdigit()]
    assert [t.split()[0] for _, t in items] == ["5", "7", "8", "9", "10", "11", "12", "13"]
    for index, title in items:
        level, _paper, page = marks[index + 1]
        assert level == 2 and page == marks[index][2], f"item '{title}' has no paper bookmark under it"
    assert "11 Accommodation Market Position Statement" in [t for _, t in items]
    assert any(level == 3 for level, _, _ in marks), "the papers' own headings nest below them"


def test_front_sheet_shows_the_meeting(example: Path) -> None:
    front = "\n".join(p.text for p in bound_pages(example / "agenda-pack.pdf") if p.printed is None)
    assert "Wednesday, 12 November 2025 at 2.00 pm" in front
    assert "Membership (13)" in front and "Reform UK (9):" in front and "(plus 2 vacancies)" in front
    assert re.search(r"^6\s+Verbal Updates .*\(Verbal update, no papers\)", front.replace("\n", " ").replace(
        "  ", " ") .replace(" 6 Verbal", "\n6 Verbal"), re.M)
    assert "At the time of preparing the agenda there were no exempt items" in " ".join(front.split())
    assert "Tuesday, 4 November 2025" in front and "Benjamin Watts" in front
    for number in (1, 2, 3, 4):
        assert re.search(rf"^{number}\s+\S", front, re.M)


def test_agenda_docx_prints_the_bound_pack_ranges(example: Path) -> None:
    ranges = front_sheet_ranges(bound_pages(example / "agenda-pack.pdf"))
    text = "\n".join(p.text for p in docx.Document(str(example / "agenda.docx")).paragraphs)
    for title, first, last in ranges.values():
        assert f"(Pages {first} - {last})" in text, title


def test_bound_pack_and_every_paper_are_accessible(example: Path) -> None:
    check_pdf(example / "agenda-pack.pdf",
              "Adult Social Care and Public Health Cabinet Committee, 12 November 2025: agenda pack")
    check_docx(example / "agenda.docx",
               "Adult Social Care and Public Health Cabinet Committee, 12 November 2025: agenda")
    papers = sorted(p for p in example.glob("*.pdf") if p.stem != "agenda-pack")
    assert len(papers) == 8
    for paper in papers:
        with pdfplumber.open(paper) as pdf:
            title = pdf.metadata["Title"]
        check_pdf(paper, title)
        check_docx(paper.with_suffix(".docx"), title)


def test_bound_pack_is_pdf_only(example: Path) -> None:
    """The bound pack exists for its printed pagination, which Word recomputes on every machine: it is
    a PDF; its front sheet is also a DOCX (agenda.docx) and every paper is a DOCX of its own."""
    assert not (example / "agenda-pack.docx").exists()
    assert ({p.stem for p in example.glob("*.docx")}
            == {p.stem for p in example.glob("*.pdf")} - {"agenda-pack"} | {"agenda"})


def test_minutes_continue_numbering_and_bold_resolutions(example: Path) -> None:
    document = docx.Document(str(example / "minutes-2025-09-10.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[0].startswith("16.\tIntroduction/Webcasting Announcement (Item 1)")
    assert [h.split(".")[0] for h in headings] == [str(n) for n in range(16, 16 + len(headings))]
    assert headings[-1].startswith("29.") and headings[-1].endswith("(Item 14)")
    resolved = [run for p in document.paragraphs for run in p.runs if run.text == "RESOLVED"]
    assert resolved and all(run.bold for run in resolved)
    text = _pdf_text(example / "minutes-2025-09-10.pdf")
    assert "Present:" in text and "In attendance:" in text and "Ms I Kemp (Chair)" in text


def test_record_of_decision_takes_its_facts_from_the_report(example: Path) -> None:
    text = " ".join(_pdf_text(example / "larc-key-decision.pdf").split())
    record = text[text.rindex("Appendix 1: Proposed Record of Decision"):]
    assert "Decision number: 25/00094" in record
    assert "Key decision: Yes – it involves expenditure or savings of more than £1m" in record
    assert "Subject of decision: Long-Acting Reversible Contraception Recommission" in record
    assert "For publication: Yes" in record
    eqia = text[text.rindex("Appendix 2: Equality Impact Assessment"):]
    assert "No negative impact was identified for any of the 10 protected characteristics" in eqia
    document = docx.Document(str(example / "larc-key-decision.docx"))
    positive = next(t for t in document.tables if t.rows[0].cells[1].text == "Positive impact")
    assert [r.cells[0].text for r in positive.rows[1:]] == [
        "Age", "Disability", "Sex", "Gender identity and transgender", "Race", "Religion or belief",
        "Sexual orientation", "Pregnancy and maternity", "Marriage and civil partnership", "Carers' responsibilities"]


def test_work_programme_numbers_its_items(example: Path) -> None:
    document = docx.Document(str(example / "work-programme.docx"))
    first = document.tables[0]
    numbers = [row.cells[0].text for row in first.rows[1:]]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


# -- exempt items (the test meeting) ---------------------------------------------------------

EXEMPT_WORDS = ("Zephyrine", "marmalade", "quintillion", "Negotiation continues")


def test_exempt_paper_is_in_no_public_output(meeting: Path) -> None:
    public = [p for p in meeting.iterdir() if p.suffix in (".pdf", ".docx")]
    assert {p.name for p in public} >= {"agenda-pack.pdf", "agenda.docx", "decision.pdf", "minutes.pdf"}
    for path in public:
        text = _pdf_text(path) if path.suffix == ".pdf" else _docx_text(path)
        assert "Exempt item" in text or path.stem not in ("agenda-pack", "agenda")
        for word in EXEMPT_WORDS:
            assert word not in text, f"{word!r} from the exempt paper is in {path.name}"
    front = "\n".join(p.text for p in bound_pages(meeting / "agenda-pack.pdf") if p.printed is None)
    assert re.search(r"^9\s+Exempt item: not for publication under paragraph 3 of Part 1 of Schedule 12A", front, re.M)


def test_restricted_pack_holds_the_exempt_item(meeting: Path) -> None:
    restricted = meeting.parent / "restricted" / meeting.name  # outside the folder that is published
    assert not (meeting / "restricted").exists()
    assert {p.name for p in restricted.iterdir()} == {"agenda-pack-restricted.pdf", "agenda.docx", "contract.pdf",
                                                       "contract.docx", "manifest.json", "html"}
    pages = _check_ranges(restricted / "agenda-pack-restricted.pdf", {4, 6, 7, 8, 9})
    ranges = front_sheet_ranges(pages)
    assert ranges[9][0] == "Zephyrine Lodge purchase terms"
    assert "Zephyrine Lodge" in _pdf_text(restricted / "contract.pdf")
    check_pdf(restricted / "agenda-pack-restricted.pdf",
              "Test Cabinet Committee, 1 April 2026: agenda pack (restricted)")


def test_public_test_meeting_ranges(meeting: Path) -> None:
    _check_ranges(meeting / "agenda-pack.pdf", {4, 6, 7, 8})
    front = "\n".join(p.text for p in bound_pages(meeting / "agenda-pack.pdf") if p.printed is None)
    assert "Membership (7)" in front and "Third Party (1): (plus 1 vacancy)" in front


def test_paper_from_another_pack_is_bound_without_copying(meeting: Path) -> None:
    assert not (FIXTURES / "meeting" / "report.md").exists()
    marks = outline(meeting / "agenda-pack.pdf")
    assert (1, "6 Waiting times", marks[[t for _, t, _ in marks].index("6 Waiting times")][2]) in marks
    assert "Waiting times update" in _pdf_text(meeting / "report.pdf")


def test_eqia_lists_negative_impacts_with_mitigation(meeting: Path) -> None:
    document = docx.Document(str(meeting / "decision.docx"))
    negative = next(t for t in document.tables if t.rows[0].cells[1].text == "Negative impact")
    row = [c.text for c in negative.rows[1].cells]
    assert row == ["Carers' responsibilities", "Some carers may find the new venue harder to reach.",
                   "Offer visits at home.", "An Author"]


def test_meeting_pack_is_byte_identical_from_another_path(tmp_path: Path, meeting: Path) -> None:
    other = make_project(tmp_path / "another" / "clone", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    assert build(other, "meeting") == 0

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(other / "build" / "meeting") == files(meeting)


def test_a_change_in_an_included_pack_rebuilds_the_meeting(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    assert build(root, "meeting") == 0
    capsys.readouterr()
    assert build(root, "meeting") == 0
    assert "is up to date" in capsys.readouterr().out
    report = root / "content" / "mini" / "report.md"
    report.write_text(report.read_text().replace("# Introduction", "# Introduction\n\nA sentence added later."))
    assert build(root, "meeting") == 0
    assert "wrote build/meeting/agenda-pack.pdf" in capsys.readouterr().out
    assert "A sentence added later." in _pdf_text(root / "build" / "meeting" / "agenda-pack.pdf")
