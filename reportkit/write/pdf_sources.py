"""Which HTML element each PDF structure element came from, recorded while WeasyPrint tags the PDF.

WeasyPrint (v70) builds the structure tree one page at a time, so an element that runs over a page
break becomes one structure element per page, and nothing in the PDF says they belong together. The
recorder wraps WeasyPrint's tree builder and notes, for every structure element it creates, the
identity of the box's HTML element; the post-pass (``pdf_structure``) then joins the fragments of
one element back together. The identity never reaches the PDF: only equality between keys is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

SOURCES_ATTRIBUTE = "structure_sources"


@dataclass(frozen=True)
class Source:
    """The HTML origin of one structure element: ``key`` is equal for the fragments of one element."""

    key: tuple[int, str, str] | None
    description: str  # for links: the title attribute or the link's own text
    leader: bool = False  # the dots of a CSS leader(), drawn one text box per dot


def _describe(element: Any, tag: str) -> str:
    if element is None or tag != "a":
        return ""
    title = element.get("title")
    return title if title else " ".join("".join(element.itertext()).split())


def _source(box: Any) -> Source:
    box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
    element = box.element
    tag = box.element_tag if element is not None else None
    if element is None or tag is None:
        return Source(None, "", bool(box.is_leader))
    return Source((id(element), str(tag), type(box).__name__), _describe(element, str(tag)), bool(box.is_leader))


def install() -> None:
    """Wrap WeasyPrint's structure builder once, so each tagged PDF carries its sources."""
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, "records_sources", False):
        return

    def recording(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
        sources = pdf.__dict__.setdefault(SOURCES_ATTRIBUTE, {})
        for element in original(box, parent, pdf, *args):
            sources.setdefault(element.number, _source(box))
            yield element

    recording.records_sources = True  # type: ignore[attr-defined]
    tags._build_box_tree = recording


def sources_of(pdf: Any) -> dict[int, Source]:
    """The sources recorded for a pydyf PDF (object number -> source)."""
    return dict(getattr(pdf, SOURCES_ATTRIBUTE, {}))
