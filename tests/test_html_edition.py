"""The HTML edition as written: structure, assets, exempt papers, agreement with the PDF, same bytes.

What a browser makes of the pages (axe, widths, focus) is in test_html_browser.py.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pdfplumber
import pikepdf
import pytest

from reportkit.model import Document, Metadata, Paragraph, Part, Text
from reportkit.theme import load_theme
from reportkit.write.web import PageWriter, SiteLinks

from conftest import FIXTURES, REPO, build, make_project

EXAMPLES = ("cabinet-2026-07", "cabinet-2025-11", "self-assessment-2024-09", "market-position-2025")
RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}


def pages(html: Path) -> dict[str, lxml.html.HtmlElement]:
    return {p.name: lxml.html.fromstring(p.read_bytes()) for p in sorted(html.glob("*.html"))}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _web_only(link: lxml.html.HtmlElement) -> bool:
    """Links only the web page has: the skip link, and paragraph and caption numbers linking to themselves."""
    return "skip-link" in link.classes or "num" in link.classes


@pytest.mark.parametrize("pack", EXAMPLES)
def test_every_page_is_semantic_html(pack: str, built_example: Callable[[str], Path]) -> None:
    html = built_example(pack) / "html"
    found = pages(html)
    assert "index.html" in found and len(found) >= 2
    for name, page in found.items():
        assert page.get("lang") == "en-GB", name
        assert page.findtext("head/title").strip(), name
        assert page.xpath("//meta[@name='viewport']"), name
        assert page.xpath("body/*[1]")[0].get("href") == "#main" and page.xpath("//main[@id='main']"), name
        assert not page.xpath("//script"), f"{name} needs JavaScript"
        levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1 and levels[0] == 1, (name, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)
        for table in page.iter("table"):
            assert table.find("caption") is not None and table.find("caption").text_content().strip(), name
            assert all(th.get("scope") in ("col", "row") for th in table.iter("th")), name
            assert table.xpath("thead/tr/th"), name
            wrapper = table.getparent()
            assert "table-scroll" in wrapper.classes and wrapper.get("tabindex") == "0", name
            assert wrapper.get("aria-labelledby") == table.find("caption").get("id"), name
        for img in page.iter("img"):
            assert img.get("alt", "").strip(), name
        for cell in page.xpath("//td[starts-with(@class, 'rag-') or contains(@class, ' rag-')]"):
            status = next(c[4:] for c in cell.classes if c.startswith("rag-"))
            assert RAG_WORDS[status].lower() in cell.text_content().lower(), (name, cell.text_content())
        ids = set(page.xpath("//@id"))
        assert len(ids) == len(page.xpath("//@id")), f"{name} repeats an id"
        for link in page.iter("a"):
            href = link.get("href", "")
            assert not href.startswith(("file:", "/")) and "reportkit" not in href, (name, href)
            if href.startswith("#"):
                assert href[1:] in ids, (name, href)
            elif not re.match(r"(https?|mailto):", href):
                assert (html / href).is_file(), (name, href)
        for src in page.xpath("//img/@src | //link/@href"):
            assert src.startswith("assets/") and (html / src).is_file(), (name, src)


def test_charts_carry_their_data_as_a_table(built_example: Callable[[str], Path]) -> None:
    page = pages(built_example("cabinet-2025-11") / "html")["performance-report.html"]
    figures = page.xpath("//figure[img[contains(@src, 'assets/charts/')]]")
    assert len(figures) >= 20
    for figure in figures:
        details = figure.getnext()
        while details is not None and details.tag == "p":  # the figure's notes
            details = details.getnext()
        assert details is not None and details.tag == "details", figure.findtext("figcaption")
        caption = details.find(".//caption").text_content()
        assert caption == "Data for " + figure.find("figcaption").text_content()
        rows = details.xpath(".//tbody/tr")
        assert rows and all(row.xpath("th[@scope='row']") for row in rows)
        numbers = [td.text_content() for td in details.xpath(".//tbody/tr/td")]
        assert any(re.search(r"\d", n) for n in numbers)
        # the alt text names the same values the data table holds
        alt = figure.find("img").get("alt")
        assert all(n in alt for n in numbers if n)


def test_the_agenda_page_links_each_items_papers(built_example: Callable[[str], Path]) -> None:
    html = built_example("cabinet-2025-11") / "html"
    agenda = pages(html)["agenda.html"]
    linked = agenda.xpath("//main//span[@class='papers']/a/@href")
    assert "market-position-statement.html" in linked and "minutes-2025-09-10.html" in linked
    assert all((html / href).is_file() for href in linked)
    assert len(linked) == len(set(linked)) == len(list(html.glob("*.html"))) - 2  # every paper, once
    index = pages(html)["index.html"]
    assert set(index.xpath("//main//a/@href")) == {"agenda.html", *linked}


def test_exempt_papers_stay_out_of_the_public_edition(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {"meeting": FIXTURES / "meeting", "mini": FIXTURES / "mini"})
    assert build(root, "meeting") == 0
    public, restricted = root / "build" / "meeting" / "html", root / "build" / "restricted" / "meeting" / "html"
    assert not (public / "contract.html").exists() and (restricted / "contract.html").is_file()
    contract_title = pages(restricted)["contract.html"].findtext("head/title")
    for name, page in pages(public).items():
        assert contract_title not in page.text_content(), name
        assert "contract.html" not in page.xpath("//a/@href"), name
    assert "contract.html" in pages(restricted)["agenda.html"].xpath("//a/@href")
    exempt_note = pages(public)["agenda.html"].xpath("//p[@id='para-9']")[0].text_content()
    assert "Schedule 12A" in exempt_note


@pytest.mark.parametrize("pack", EXAMPLES)
def test_the_html_has_the_numbers_captions_and_links_of_the_pdf(pack: str,
                                                                built_example: Callable[[str], Path]) -> None:
    out = built_example(pack)
    papers = pages(out / "html")
    compared = 0
    for pdf_path in sorted(p for p in out.glob("*.pdf") if p.stem + ".html" in papers):  # not the bound pack
        page = papers[pdf_path.stem + ".html"]
        with pdfplumber.open(pdf_path) as pdf:
            text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        flat = _squash(text)
        main = page.find(".//main")
        numbered = main.xpath(".//p[contains(@class, 'numbered')] "
                              "| .//*[self::h2 or self::h3][contains(@class, 'numbered')]")
        compared += len(numbered)
        position = 0
        for element in numbered:  # every numbered paragraph, with its number, in the same order
            start = _squash(element.text_content())[:40]
            position = flat.find(start, position)
            assert position >= 0, start
        captions = [c.text_content() for c in main.xpath(".//caption | .//figcaption")
                    if not c.xpath("ancestor::details")]
        compared += len(captions)
        for caption in captions:
            assert _squash(caption) in flat, caption
        pdf_numbers = re.findall(r"^((?:Table|Figure) \d+):", text, re.MULTILINE)
        assert pdf_numbers == [c.split(":")[0] for c in captions if re.match(r"(Table|Figure) \d+:", c)]
        with pikepdf.open(pdf_path) as pdf:
            pdf_targets = {str(a.Dest) for p in pdf.pages for a in p.get("/Annots", [])
                           if a.get("/Subtype") == "/Link" and "/Dest" in a}
        html_targets = {a.get("href")[1:] for a in main.iter("a")
                        if a.get("href", "").startswith("#") and not _web_only(a)}
        assert html_targets == pdf_targets
    assert compared


def test_html_is_byte_identical_across_builds_and_clone_paths(tmp_path: Path) -> None:
    def edition(root: Path) -> dict[str, bytes]:
        assert build(root, "mini") == 0
        html = root / "build" / "mini" / "html"
        return {p.relative_to(html).as_posix(): p.read_bytes() for p in sorted(html.rglob("*")) if p.is_file()}

    first = edition(make_project(tmp_path / "one", {"mini": FIXTURES / "mini"}))
    other = make_project(tmp_path / "a" / "quite" / "different" / "clone", {"mini": FIXTURES / "mini"})
    second = edition(other)
    assert build(other, "mini") == 0  # up to date: nothing rewritten
    from reportkit.cli import main

    assert main(["--root", str(other), "build", "--force", "mini"]) == 0
    third = {name: (other / "build" / "mini" / "html" / name).read_bytes() for name in second}
    assert first == second == third
    assert {"index.html", "report.html", "assets/style.css", "assets/print.css"} <= set(first)
    for name, content in first.items():
        if name.endswith((".html", ".css")):
            assert str(tmp_path).encode() not in content and b"reportkit" not in content, name


def test_a_node_kind_the_templates_do_not_know_stops_the_writer() -> None:
    class Sidebar(Paragraph):
        pass

    theme = load_theme(REPO / "templates", "kent", (REPO / "templates", None))
    doc = Document("x", Metadata("T", "S", "A", "en-GB", "Unrestricted"),
                   (Part((Sidebar((Text("words"),)),)),))
    with pytest.raises(TypeError, match="cannot write a Sidebar"):
        PageWriter(theme, lambda path: "").render(doc, SiteLinks("Pack"))


def test_a_charts_data_table_is_in_the_web_edition_only(built_example: Callable[[str], Path]) -> None:
    """Format-only by design: on paper and in Word the chart's alt text (tagged in the PDF, the picture's
    description in the DOCX) already carries every value, and print has no control to fold a table away,
    so a second copy of each chart's values would only lengthen the document."""
    out = built_example("cabinet-2026-07")
    page = pages(out / "html")["cqc-improvement-plan-update.html"]
    data_captions = [c.text_content() for c in page.xpath("//details//caption")]
    assert data_captions and all(c.startswith("Data for Figure ") for c in data_captions)
    with pdfplumber.open(out / "cqc-improvement-plan-update.pdf") as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Data for Figure" not in text
