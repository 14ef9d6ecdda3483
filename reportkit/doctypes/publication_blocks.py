"""Fenced blocks for publications: ```page, ```pull-quote, ```key-figures, ```two-column, ```signature
and ```alternative-formats (the council's contact details come from the theme, not the author)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

from ..errors import ContentError
from ..model import (
    Block,
    Callout,
    Cell,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    PageSetup,
    Paragraph,
    Strong,
    Table,
    Text,
)
from ..read.markdown import MarkdownReader, inline_markdown
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of, parse_yaml
from .common import PackContext

BlockReader = Callable[[str, int], list[Block]]
Spec = TypeVar("Spec", bound=Strict)


class PageSpec(Strict):
    orientation: Literal["portrait", "landscape"]


class PullQuoteSpec(Strict):
    text: str


class KeyFigure(Strict):
    figure: str
    label: str


class KeyFiguresSpec(Strict):
    title: str = ""
    figures: list[KeyFigure]


class TwoColumnRow(Strict):
    left: list[str]
    right: list[str]


class TwoColumnSpec(Strict):
    left: str
    right: str
    caption: str = ""
    rows: list[TwoColumnRow]


class SignatureSpec(Strict):
    name: str
    role: str


class NoOptions(Strict):
    pass


def publication_blocks(reader: MarkdownReader, ctx: PackContext) -> dict[str, BlockReader]:
    contact = ctx.theme.spec.contact.alternative_formats

    def parsed(model: type[Spec], what: str, text: str, line: int) -> tuple[Spec, object]:
        raw = parse_yaml(text, reader.path, line) if text.strip() else {}
        return validate(model, raw, reader.path, what), raw

    def page(text: str, line: int) -> list[Block]:
        spec, _ = parsed(PageSpec, "the page block", text, line)
        return [PageSetup(spec.orientation)]  # type: ignore[list-item]  # split into parts, never written

    def pull_quote(text: str, line: int) -> list[Block]:
        spec, _ = parsed(PullQuoteSpec, "the pull quote", text, line)
        quoted = spec.text.strip().strip('"“”')
        return [Callout("", (Paragraph((Text(f"“{quoted}”"),)),), "quote")]

    def key_figures(text: str, line: int) -> list[Block]:
        spec, raw = parsed(KeyFiguresSpec, "the key figures", text, line)
        items = []
        for index, item in enumerate(spec.figures):
            at = line_of(raw, "figures", index) or line
            items.append(Paragraph((Strong(inline_markdown(item.figure, reader, at)), LineBreak(),
                                    *inline_markdown(item.label, reader, at))))
        return [Callout(spec.title, tuple(items), "figures")]

    def two_column(text: str, line: int) -> list[Block]:
        spec, raw = parsed(TwoColumnSpec, "the two-column table", text, line)
        header = (Cell((Text(spec.left),), header=True), Cell((Text(spec.right),), header=True))
        rows = []
        for index, row in enumerate(spec.rows):
            at = line_of(raw, "rows", index) or line
            rows.append(tuple(Cell((), blocks=(_bullets(items, reader, at),)) for items in (row.left, row.right)))
        caption = spec.caption or f"{spec.left} and {spec.right.lower()}"
        return [Table(caption, (header,), tuple(rows))]

    def signature(text: str, line: int) -> list[Block]:
        spec, _ = parsed(SignatureSpec, "the signature", text, line)
        return [Paragraph((Strong((Text(spec.name),)), LineBreak(), Text(spec.role)))]

    def alternative_formats(text: str, line: int) -> list[Block]:
        parsed(NoOptions, "the alternative formats box", text, line)
        if contact is None:
            raise ContentError(reader.path, line, "the theme gives no alternative formats contact",
                               "add contact: alternative_formats: {phone:, email:} to the theme")
        parts: list[Inline] = [Text(f"Please call {contact.phone}")]
        if contact.text_relay:
            parts.append(Text(f" (text relay: {contact.text_relay})"))
        parts += [Text(" or email "), Link(f"mailto:{contact.email}", (Text(contact.email),)), Text(".")]
        return [Callout("This document is available in alternative formats and languages",
                        (Paragraph(tuple(parts)),), "contact")]

    return {"page": page, "pull-quote": pull_quote, "key-figures": key_figures, "two-column": two_column,
            "signature": signature, "alternative-formats": alternative_formats}


def _bullets(items: list[str], reader: MarkdownReader, line: int) -> ListBlock:
    if not items:
        raise ContentError(reader.path, line, "a two-column row has an empty side", "give each side at least one point")
    return ListBlock(False, tuple((Paragraph(inline_markdown(item, reader, line)),) for item in items))

