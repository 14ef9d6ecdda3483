"""The model to a tagged PDF (PDF/UA-1) through WeasyPrint, reading only the pack, theme and charts."""

from __future__ import annotations

import gc
import hashlib
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..model import Document, pending_nodes
from ..theme import Theme
from . import pdf_leaders, pdf_ranges, pdf_sources, pdf_structure
from .html import NUMBERED, Pagination, render_html
from .resources import PREFIX, Resources


def _fetcher(resources: Resources) -> Any:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        """Serves the virtual pack, theme and chart files; refuses everything else."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = resources.path(url)
            if path is None:
                raise FatalURLFetchingError(f"refused to read '{url}': outside the pack and templates")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return ConfinedFetcher(allowed_protocols={"file"}, fail_on_errors=True)


def _finish_table_headers(pdf: Any, unique: str) -> None:
    """Give every TH a /Scope (Column in the table head, Row in the body), as PDF/UA asks, and make the
    header IDs unique to this PDF: WeasyPrint makes them from object numbers, which the pieces and
    ranges that are bound into one PDF share. ``unique`` is the prefix this PDF's IDs take."""
    import pydyf

    by_reference = {obj.reference: obj for obj in pdf.objects if hasattr(obj, "get")}
    for obj in by_reference.values():
        attributes = obj.get("A")
        if attributes is not None and "Headers" in attributes:
            attributes["Headers"] = pydyf.Array([pydyf.String(unique + h.string) for h in attributes["Headers"]])
        if obj.get("S") != "/TH":
            continue
        if "ID" in obj:
            obj["ID"] = pydyf.String(unique + obj["ID"].string)
        row = by_reference.get(obj.get("P"))
        section = by_reference.get(row.get("P")) if row is not None else None
        scope = "/Column" if section is not None and section.get("S") == "/THead" else "/Row"
        if attributes is not None:
            attributes["Scope"] = scope


def _unique_prefix(name: str) -> str:
    """A short prefix for the IDs of the PDF called ``name``, which says nothing of the name."""
    return hashlib.sha256(name.encode()).hexdigest()[:8] + "-"


def write_pdf(doc: Document, theme: Theme, resources: Resources, target: Path,
              pagination: Pagination = NUMBERED, processes: int = 1) -> dict[str, int]:
    """Render ``doc`` to ``target`` and return the page (counted from 1) each anchor landed on. A long
    document's pages are drawn in two ranges, at once where ``processes`` allows (the bytes are the same).

    SOURCE_DATE_EPOCH must be set for repeatable bytes.
    """
    assert not pending_nodes(doc), f"{doc.slug} has not been through the resolve pass"
    with _collector_paused():
        document = _render(doc, theme, resources, pagination, target, OPTIONS)
        pages = _anchor_pages(document)
        split = pdf_ranges.split_page(document)
        if split is None:
            _write_tagged(document, target, doc.slug)
        else:
            pdf_ranges.write_in_ranges(document, split, target, _write_tagged, processes, doc.slug)
    return pages


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector kept out of a render: WeasyPrint makes millions of objects, which the
    collector would walk again and again while they live (about a tenth of the render's time).

    Where the collector runs on its own, it is paused for the render and runs as usual afterwards.
    Where the process has turned it off (a render worker, so that a render's garbage is not collected
    just as its result is being sent), what earlier renders left is collected first, so a bound pack's
    pieces, rendered one after another, do not pile up their garbage."""
    if not gc.isenabled():
        gc.collect()
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}


def _write_tagged(document: Any, target: Path, name: str) -> None:
    """Write laid-out pages as a PDF/UA-1 file, finished by the post-pass; ``name`` is unique to this
    file among those that may be bound together."""
    sources: dict[int, pdf_sources.Source] = {}

    def finisher(_document: Any, pdf: Any) -> None:
        _finish_table_headers(pdf, _unique_prefix(name))
        sources.update(pdf_sources.sources_of(pdf))

    pdf_sources.install()
    document.write_pdf(target, finisher=finisher, **OPTIONS)
    pdf_structure.finish(target, sources)


def _render(doc: Document, theme: Theme, resources: Resources, pagination: Pagination, target: Path,
            options: dict[str, Any]) -> Any:
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = render_html(doc, theme, resources, pagination)
    pdf_leaders.install()
    try:
        return HTML(string=html, base_url=f"{PREFIX}pack/", url_fetcher=_fetcher(resources)).render(**options)
    except FatalURLFetchingError as refusal:
        raise ContentError(resources.roots.get("pack", target), None, str(refusal),
                           "keep every file the document uses inside the pack") from None


def _anchor_pages(document: Any) -> dict[str, int]:
    """The page (counted from 1) where each anchor starts: where its named destination leads."""
    return {destination.name: destination.page + 1 for destination in pdf_ranges.destinations(document.pages)}
