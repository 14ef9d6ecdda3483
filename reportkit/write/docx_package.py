"""A drafted .docx finished once the PDF's layout is known: the page numbers filled in, the
document's statistics written, and the package zipped repeatably.

The Word writer drafts a document without waiting for the PDF's layout. Each place that shows a
page number (a contents entry's cached PAGEREF result, an agenda item's page range) is a ``w:t``
carrying a marker attribute, which the finishing step replaces with the number. Attributes are
never written from content, so a marker cannot be forged by what a report says. Only lxml and the
standard library are used, so the build's own process can finish a document without importing
python-docx.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import datetime

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"

PAGE_OF = "fill-page"  # on a w:t: the anchor whose page it shows (empty if the layout has no such anchor)
PAGES_FROM, PAGES_TO = "fill-pages-from", "fill-pages-to"  # on a w:t whose text is the theme's page-range format


def finish(draft: bytes, pages: Mapping[str, int], title: str, company: str, when: datetime) -> bytes:
    """The finished package of ``draft`` (python-docx's saved package), given the page each anchor
    landed on in the PDF."""
    with zipfile.ZipFile(io.BytesIO(draft)) as package:
        root = etree.fromstring(package.read(DOCUMENT))
    _fill_pages(root, pages)
    body = root.find(f"{W}body")
    paragraphs = list(body.iter(f"{W}p")) if body is not None else []
    text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in paragraphs)
    document = etree.tostring(root, encoding="UTF-8", standalone=True)
    return repeatable_zip(draft, when, {DOCUMENT: document,
                                        "docProps/app.xml": app_properties(title, company, text, len(paragraphs))})


def _fill_pages(root: etree._Element, pages: Mapping[str, int]) -> None:
    for shown in root.iter(f"{W}t"):
        anchor = shown.attrib.pop(PAGE_OF, None)
        if anchor is not None:
            page = pages.get(anchor)
            shown.text = str(page) if page else ""
        start, end = shown.attrib.pop(PAGES_FROM, None), shown.attrib.pop(PAGES_TO, None)
        if start is not None and end is not None:
            shown.text = (shown.text or "").format(start=pages[start], end=pages[end])


def repeatable_zip(data: bytes, when: datetime, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite the package with one fixed timestamp on every entry, in the same entry order (python-docx
    stamps entries with the time); ``replace`` gives new contents for some entries."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, (replace or {}).get(info.filename) or source.read(info.filename))
    return out.getvalue()


def app_properties(title: str, company: str, text: str, paragraphs: int) -> bytes:
    """docProps/app.xml describing this document: its title, the council, and its word counts
    (in place of the blank template's, which claims an application and no words at all)."""
    from xml.sax.saxutils import escape

    words = len(text.split())
    characters = len("".join(text.split()))
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Words>{words}</Words><Characters>{characters}</Characters>"
        f"<DocSecurity>0</DocSecurity><Paragraphs>{paragraphs}</Paragraphs><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Title</vt:lpstr></vt:variant>'
        "<vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{escape(title)}</vt:lpstr></vt:vector>'
        f"</TitlesOfParts><Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate>"
        f"<CharactersWithSpaces>{len(text)}</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()

