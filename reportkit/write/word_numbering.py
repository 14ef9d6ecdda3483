"""Word-native numbering: numbering.xml definitions for sections, paragraphs and lists.

Numbers are not typed into a Word file: each numbered paragraph points (w:numPr) at a numbering
instance and a level, so that a paragraph an officer inserts in Word renumbers what follows. The
numbers Word shows are the ones the numbering transform gave the PDF:

- hierarchical paragraphs share one three-level definition with the section headings ("%1.",
  "%1.%2", "%1.%2.%3"), as the numbering transform counts them;
- flat paragraphs count on one level ("%1."), and flat-numbered headings on another instance;
- each ordered list is an instance of its own (so it restarts), with its start number as a
  start override; a nested list is the next level down. Bullets share one instance.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

NUMBER_INDENT_TWIPS = 794  # 1.4 cm: where body text starts after a paragraph number
LIST_INDENT_TWIPS = 425  # 0.75 cm for each list level
COUNTER_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
BULLETS = ("•", "◦", "▪")


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>')


def list_level_text(style: str, ilvl: int) -> tuple[str, str]:
    """The numFmt and lvlText of a list written "a)", "(i)", "1." at level ``ilvl``."""
    counter = next(c for c in style if c.isalnum())
    return COUNTER_FORMATS[counter], style.replace(counter, f"%{ilvl + 1}", 1)


class WordNumbering:
    """Adds abstract definitions and instances to one document's numbering part, as they are needed."""

    def __init__(self, document: Any) -> None:
        self.numbering = document.part.numbering_part.element
        self._abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        self._abstracts: dict[str, int] = {}
        self._instances: dict[str, int] = {}

    def _abstract(self, key: str, levels: list[str]) -> int:
        if key not in self._abstracts:
            abstract_id = max(self._abstract_ids, default=-1) + 1
            self._abstract_ids.append(abstract_id)
            element = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                                f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
            first_num = self.numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(element)
            else:
                self.numbering.append(element)
            self._abstracts[key] = abstract_id
        return self._abstracts[key]

    def _instance(self, abstract_id: int, start: tuple[int, int] | None = None) -> int:
        num = self.numbering.add_num(abstract_id)
        if start is not None:
            ilvl, value = start
            num.append(parse_xml(f'<w:lvlOverride {nsdecls("w")} w:ilvl="{ilvl}">'
                                 f'<w:startOverride w:val="{value}"/></w:lvlOverride>'))
        return int(num.numId)

    def _shared(self, key: str, abstract_id: int) -> int:
        if key not in self._instances:
            self._instances[key] = self._instance(abstract_id)
        return self._instances[key]

    def sections(self) -> int:
        """The instance shared by numbered headings and hierarchical paragraphs."""
        texts = ["%1.", "%1.%2", "%1.%2.%3"]
        levels = [_level(i, "decimal", t, NUMBER_INDENT_TWIPS, NUMBER_INDENT_TWIPS) for i, t in enumerate(texts)]
        return self._shared("sections", self._abstract("sections", levels))

    def flat(self, what: str) -> int:
        """One count through the document: ``what`` is "paragraphs" or "headings", each its own instance."""
        abstract = self._abstract("flat", [_level(0, "decimal", "%1.", NUMBER_INDENT_TWIPS, NUMBER_INDENT_TWIPS)])
        return self._shared(f"flat-{what}", abstract)

    def bullets(self) -> int:
        levels = [_level(i, "bullet", BULLETS[i % len(BULLETS)], LIST_INDENT_TWIPS * (i + 1), LIST_INDENT_TWIPS)
                  for i in range(9)]
        return self._shared("bullets", self._abstract("bullets", levels))

    def ordered_list(self, style: str, start: int, ilvl: int) -> int:
        """A new instance with a start override, so the list restarts (instances of one definition
        without an override continue each other's count); ``start`` is the number of its first item."""
        levels = []
        for level in range(9):
            fmt, text = list_level_text(style, level)
            levels.append(_level(level, fmt, text, LIST_INDENT_TWIPS * (level + 1), LIST_INDENT_TWIPS))
        abstract = self._abstract(f"list {style}", levels)
        return self._instance(abstract, (ilvl, start))


def number_paragraph(paragraph: Any, num_id: int, ilvl: int) -> None:
    """Point the paragraph at numbering instance ``num_id``, level ``ilvl``."""
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = p_pr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def list_indent(paragraph: Any, ilvl: int, offset: int, hanging: bool) -> None:
    """Indent a list paragraph as its level does, moved ``offset`` twips right; a later paragraph of an
    item (``hanging`` False) lines up with the item's text."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:left"), str(offset + LIST_INDENT_TWIPS * (ilvl + 1)))
    ind.set(qn("w:hanging"), str(LIST_INDENT_TWIPS if hanging else 0))
