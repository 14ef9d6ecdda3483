"""Every PDF the example packs and the test fixtures build: PDF/UA-1 under a real validator
(page-validation), and the structure a validator does not check: no detached subtrees, pagination as
artifacts, no leader-dot spans, one Table per table, list items whole with bodies, page labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import page
import pdfplumber
import pikepdf
import pytest

from accessibility import struct_elements
from conftest import FIXTURES, build, make_project

EXAMPLES = ("cabinet-2026-07", "cabinet-2025-11", "self-assessment-2024-09", "market-position-2025")
FIXTURE_PACKS = {"mini": ("mini",), "kpi": ("kpi",), "mps": ("mps",), "sa": ("sa",), "meeting": ("meeting", "mini")}


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """build/<pack> of one of the test fixture packs, built once per test session."""
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            root = make_project(tmp_path_factory.mktemp(f"fixture-{name}"),
                                {n: FIXTURES / n for n in FIXTURE_PACKS[name]})
            assert build(root, name) == 0
            built[name] = root / "build" / name
        return built[name]

    return get


def pdfs_of(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.pdf"))
    assert found, folder
    return found


@pytest.fixture(scope="session")
def example_pdfs(built_example: Callable[[str], Path]) -> list[Path]:
    return [pdf for name in EXAMPLES for pdf in pdfs_of(built_example(name))]


@pytest.mark.slow
@pytest.mark.parametrize("pack", EXAMPLES)
def test_every_example_pdf_passes_pdfua1(built_example: Callable[[str], Path], pack: str) -> None:
    for path in pdfs_of(built_example(pack)):
        report = page.validate_pdf(str(path), profile="ua1")
        assert report.failures == [] and report.is_compliant, (path.name, report.failures[:5])


@pytest.mark.slow
@pytest.mark.parametrize("pack", sorted(FIXTURE_PACKS))
def test_every_fixture_pdf_passes_pdfua1(built_fixture: Callable[[str], Path], pack: str) -> None:
    for path in pdfs_of(built_fixture(pack)):
        report = page.validate_pdf(str(path), profile="ua1")
        assert report.failures == [] and report.is_compliant, (path.name, report.failures[:5])


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    value = element.get("/K")
    return [] if value is None else list(value) if isinstance(value, pikepdf.Array) else [value]


def _opened(paths: list[Path]) -> Iterator[tuple[str, pikepdf.Pdf]]:
    for path in paths:
        with pikepdf.open(path) as pdf:
            yield path.name, pdf


@pytest.mark.slow
def test_no_structure_hangs_off_the_tree(example_pdfs: list[Path]) -> None:
    """Every structure element in the file, and every owner in the parent tree, is under the root."""
    for name, pdf in _opened(example_pdfs):
        reachable = {e.objgen for e in struct_elements(pdf.Root.StructTreeRoot)}
        in_file = {o.objgen for o in pdf.objects
                   if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructElem"}
        assert in_file == reachable, (name, len(in_file - reachable))
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        for value in nums[1::2]:
            owners = list(value) if isinstance(value, pikepdf.Array) else [value]
            assert all(o.objgen in reachable for o in owners if isinstance(o, pikepdf.Dictionary)), name


@pytest.mark.slow
def test_running_headers_footers_and_blank_notices_are_artifacts(built_example: Callable[[str], Path]) -> None:
    path = built_example("cabinet-2025-11") / "agenda-pack.pdf"
    with pdfplumber.open(path) as pdf:
        footers = blanks = 0
        for sheet in pdf.pages:
            for line in sheet.extract_text_lines():
                if re.fullmatch(r"Page \d+( of \d+)?", line["text"]) or "intentionally left blank" in line["text"]:
                    chars = line["chars"]
                    assert all(c.get("tag") == "Artifact" and c.get("mcid") is None for c in chars), line["text"]
                    footers += line["text"].startswith("Page")
                    blanks += "blank" in line["text"]
        assert footers > 100 and blanks >= 1, (footers, blanks)


@pytest.mark.slow
def test_contents_leader_dots_are_not_content(built_example: Callable[[str], Path]) -> None:
    """No marked-content piece in the contents is dots only; each entry is one described link."""
    path = built_example("self-assessment-2024-09") / "self-assessment.pdf"
    with pdfplumber.open(path) as pdf:
        contents = next(p for p in pdf.pages if (p.extract_text() or "").splitlines()[1:2] == ["Contents"])
        pieces: dict[int, str] = {}
        for char in contents.chars:
            if char.get("mcid") is not None:
                pieces[char["mcid"]] = pieces.get(char["mcid"], "") + char["text"]
        assert pieces and not [text for text in pieces.values() if set(text.strip()) <= {"."}], pieces
        number = contents.page_number - 1
    with pikepdf.open(path) as pdf:
        annotations = pdf.pages[number].Annots
        entries = [line for line in (contents.extract_text() or "").splitlines() if re.search(r"\d+$", line)]
        assert len(annotations) == len(entries) - 1  # the footer "Page 2 of 84" ends in a number too
        for annotation in annotations:
            description = str(annotation.Contents)
            assert description and not re.fullmatch(r"[a-z0-9-]+", description), description


@pytest.mark.slow
def test_each_leader_is_drawn_as_one_run_of_dots(built_example: Callable[[str], Path]) -> None:
    """Each contents entry's dots are one layout artifact holding one text run, not one per dot."""
    path = built_example("self-assessment-2024-09") / "self-assessment.pdf"
    with pdfplumber.open(path) as plumbed:
        page_text = plumbed.pages[1].extract_text() or ""
    entries = [line for line in page_text.splitlines() if re.search(r"\.{20,}\s*\d+$", line)]
    with pikepdf.open(path) as pdf:
        runs: list[int] = []  # text shows in each layout artifact of the contents page
        inside = False
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[1]):
            if str(operator) == "BDC":
                inside = str(operands[0]) == "/Artifact" and str(operands[1].get("/Type")) == "/Layout"
                runs += [0] if inside else []
            elif str(operator) == "EMC":
                inside = False
            elif inside and str(operator) in ("Tj", "TJ"):
                runs[-1] += 1
    assert len(entries) >= 20, page_text
    assert len(runs) == len(entries) and set(runs) == {1}, (len(runs), len(entries))


@pytest.mark.slow
def test_one_table_element_per_table(built_example: Callable[[str], Path]) -> None:
    """As many Table elements as the Word edition has tables; each with one head, one body, one caption."""
    folder = built_example("market-position-2025")
    with pikepdf.open(folder / "market-position-statement.pdf") as pdf:
        tables = [e for e in struct_elements(pdf.Root.StructTreeRoot) if e.S == "/Table"]
        for table in tables:
            parts = [str(k.S) for k in _kids(table) if isinstance(k, pikepdf.Dictionary)]
            assert parts.count("/THead") == 1 and parts.count("/TBody") == 1 and parts.count("/Caption") <= 1, parts
            rows = [row for part in _kids(table) if isinstance(part, pikepdf.Dictionary) for row in _kids(part)
                    if isinstance(row, pikepdf.Dictionary) and row.get("/S") == "/TR"]
            assert len({len(_kids(row)) for row in rows}) == 1  # no row lost or doubled cells
    word_tables = docx.Document(str(folder / "market-position-statement.docx")).tables
    assert len(tables) == len(word_tables) > 5


@pytest.mark.slow
def test_list_items_are_whole_with_label_and_body(example_pdfs: list[Path]) -> None:
    """LI -> Lbl + LBody; in a list with labels every item has one (a split item would not)."""
    for name, pdf in _opened(example_pdfs):
        for element in struct_elements(pdf.Root.StructTreeRoot):
            if element.S == "/L":
                items = [k for k in _kids(element) if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/LI"]
                labelled = [any(k.get("/S") == "/Lbl" for k in _kids(item)) for item in items]
                assert all(labelled) or not any(labelled), name
            if element.S == "/LI":
                parts = [str(k.S) for k in _kids(element)]
                assert parts in (["/Lbl", "/LBody"], ["/LBody"]), (name, parts)


@pytest.mark.slow
def test_bound_pack_page_labels_match_the_printed_numbers(built_example: Callable[[str], Path]) -> None:
    path = built_example("cabinet-2025-11") / "agenda-pack.pdf"
    with pdfplumber.open(path) as plumber:
        printed = {}
        for sheet in plumber.pages:
            found = re.search(r"^Page (\d+)$", sheet.extract_text() or "", re.M)
            if found:
                printed[sheet.page_number - 1] = found.group(1)
    with pikepdf.open(path) as pdf:
        assert "/PageLabels" in pdf.Root
        assert len(printed) > 100
        for index, number in printed.items():
            assert pdf.pages[index].label == number, (index, number)
        assert pdf.pages[0].label != "1"
