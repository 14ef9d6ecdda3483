"""Markdown body -> model blocks, with paragraph numbering done for the author.

Author headings ``#``, ``##``, ``###`` become numbered sections (1., 1.1, 1.1.1); each body
paragraph takes the next number below its heading (1.1, 1.2 ...), and at the deepest level
paragraphs continue the heading's own sequence (5.2.1 heading, 5.2.2 paragraph), as committee
reports do. Raw HTML is off; links may only be web or mail addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from ..errors import ContentError, did_you_mean
from ..model import (
    Block,
    Callout,
    Cell,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    Text,
    plain_text,
)
from .directives import DIRECTIVES, DataContext, directive_blocks
from .limits import check_image

MAX_DEPTH = 3
SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
IMAGE_SIZE_MM = (160.0, 90.0)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    # Every link and image reaches the reader, which refuses what is not allowed with its line, rather
    # than markdown-it quietly printing a file:// or javascript: address as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


@dataclass
class SectionNumbers:
    """Counters shared by headings and paragraphs at each level."""

    numbered: bool = True
    counters: list[int] = field(default_factory=lambda: [0] * (MAX_DEPTH + 1))
    depth: int = 0  # the level of the current heading, 0 before the first

    def heading(self, level: int) -> str:
        self.counters[level - 1] += 1
        self.counters[level:] = [0] * (len(self.counters) - level)
        self.depth = level
        return self._label(level)

    def paragraph(self) -> str:
        if not self.numbered or self.depth == 0:
            return ""
        level = min(self.depth + 1, MAX_DEPTH)
        self.counters[level - 1] += 1
        self.counters[level:] = [0] * (len(self.counters) - level)
        return self._label(level)

    def _label(self, level: int) -> str:
        label = ".".join(str(n) for n in self.counters[:level])
        return f"{label}." if level == 1 else label


@dataclass
class MarkdownReader:
    path: Path
    pack_dir: Path
    data: DataContext
    numbers: SectionNumbers
    heading_offset: int = 1  # author '#' is output level 2: level 1 is the document title
    anchor_prefix: str = "s-"  # keeps anchors unique where several files make one document
    anchors: set[str] = field(default_factory=set)
    # fenced blocks a document type adds (```survey ...): name -> reader of (YAML text, its first line)
    extra_blocks: dict[str, Callable[[str, int], list[Block]]] = field(default_factory=dict)

    def read(self, body: str, first_line: int) -> list[Block]:
        self.first_line = first_line
        self.lines = body.split("\n")
        tree = SyntaxTreeNode(_parser().parse(body))
        return self._blocks(tree.children, top=True)

    # -- blocks ------------------------------------------------------------------------------

    def _line(self, node: SyntaxTreeNode) -> int:
        return self.first_line + (node.map[0] if node.map else 0)

    def _blocks(self, nodes: list[SyntaxTreeNode], top: bool = False) -> list[Block]:
        blocks: list[Block] = []
        pending_caption = ""
        for node in nodes:
            caption = self._caption_text(node) if node.type == "paragraph" and top else ""
            if caption:
                pending_caption = caption
                continue
            if node.type == "table":
                blocks.append(self._table(node, pending_caption))
                pending_caption = ""
                continue
            if pending_caption:
                raise ContentError(self.path, self._line(node) - 1, "'Table:' caption is not followed by a table",
                                   "put the caption line directly above the table")
            blocks.extend(self._block(node, top))
        if pending_caption:
            raise ContentError(self.path, self.first_line + len(self.lines) - 1,
                               "'Table:' caption is not followed by a table", "put the caption directly above a table")
        return blocks

    def _caption_text(self, node: SyntaxTreeNode) -> str:
        text = node.children[0].content if node.children else ""
        return text[len("Table:"):].strip() if text.startswith("Table:") else ""

    def _block(self, node: SyntaxTreeNode, top: bool) -> list[Block]:
        kind = node.type
        if kind == "heading":
            return [self._heading(node, top)]
        if kind == "paragraph":
            return [self._paragraph(node, top)]
        if kind in ("bullet_list", "ordered_list"):
            items = tuple(tuple(self._blocks(item.children)) for item in node.children)
            return [ListBlock(kind == "ordered_list", items)]
        if kind == "blockquote":
            return [self._callout(node)]
        if kind == "fence":
            return self._fence(node)
        if kind == "hr":
            return []
        if kind == "code_block":
            raise ContentError(self.path, self._line(node), "indented text is read as a code block",
                               "remove the leading spaces (four or more) from this line")
        raise ContentError(self.path, self._line(node), f"'{kind}' is not supported in reports",
                           "use headings, paragraphs, lists, tables, > callouts and ```table / ```chart blocks")

    def _callout(self, node: SyntaxTreeNode) -> Callout:
        """A '> **Title**' line opens the box with a title; the rest of the quote is its body."""
        inner = self._blocks(node.children)
        if not inner or not isinstance(inner[0], Paragraph) or not inner[0].content \
                or not isinstance(inner[0].content[0], Strong):
            return Callout("", tuple(inner))
        first = [n for n in node.children[0].children[0].children if n.type != "text" or n.content]
        if len(first) > 1 and first[1].type not in ("softbreak", "hardbreak"):
            return Callout("", tuple(inner))
        title = plain_text(inner[0].content[:1])
        rest = inner[0].content[1:]
        if rest and isinstance(rest[0], Text):
            rest = (Text(rest[0].text.lstrip()), *rest[1:])
        body = ([Paragraph(rest)] if rest and plain_text(rest).strip() else []) + inner[1:]
        return Callout(title, tuple(body))

    def _heading(self, node: SyntaxTreeNode, top: bool) -> Heading:
        author_level = int(node.tag[1])
        line = self._line(node)
        if not top:
            raise ContentError(self.path, line, "a heading inside a list or callout", "move the heading out")
        if author_level > MAX_DEPTH:
            raise ContentError(self.path, line, f"heading level {author_level} is deeper than {MAX_DEPTH}",
                               "use #, ## or ###")
        if author_level > self.numbers.depth + 1:
            raise ContentError(self.path, line,
                               f"heading level {author_level} follows level {self.numbers.depth}, skipping a level",
                               f"use {'#' * (self.numbers.depth + 1)} here")
        label = self.numbers.heading(author_level)
        number = label if self.numbers.numbered else ""
        content = self.inlines(node.children[0], line)
        anchor = self.anchor_prefix + (number.rstrip(".").replace(".", "-") if number else _slug(plain_text(content)))
        anchor = next(a for n in range(1, 1000) if (a := anchor if n == 1 else f"{anchor}-{n}") not in self.anchors)
        self.anchors.add(anchor)
        return Heading(author_level + self.heading_offset, content, number, anchor)

    def _paragraph(self, node: SyntaxTreeNode, top: bool) -> Block:
        inline = node.children[0]
        line = self._line(node)
        images = [child for child in inline.children if child.type == "image"]
        if images:
            if len(inline.children) != 1:
                raise ContentError(self.path, line, "an image must stand alone in its paragraph",
                                   "put a blank line before and after the image")
            return self._image(images[0], line)
        number = self.numbers.paragraph() if top else ""
        return Paragraph(self.inlines(inline, line), number)

    def _image(self, node: SyntaxTreeNode, line: int) -> Figure:
        src = str(node.attrs.get("src", ""))
        alt = "".join(child.content for child in node.children).strip()
        title = str(node.attrs.get("title") or "")
        if not alt:
            raise ContentError(self.path, line, f"image '{src}' has no alt text",
                               "describe it between the brackets: ![what the picture shows](file.png)")
        if URL_SCHEME.match(src):
            raise ContentError(self.path, line, f"image '{src[:60]}' is an address, not a file in the pack",
                               "copy the picture into the pack folder and give its file name")
        target = (self.path.parent / src).resolve()
        if not target.is_relative_to(self.pack_dir.resolve()):
            raise ContentError(self.path, line, f"image '{src}' is outside the pack", "copy it into the pack folder")
        check_image(self.path.parent / src, (self.path, line))
        self.data.numbering.figures += 1
        caption = f"Figure {self.data.numbering.figures}: {title or alt}"
        return Figure(target, alt, caption, *IMAGE_SIZE_MM)

    def _fence(self, node: SyntaxTreeNode) -> list[Block]:
        kind = node.info.strip()
        line = self._line(node)
        if kind in self.extra_blocks:
            return self.extra_blocks[kind](node.content, line + 1)
        if kind not in DIRECTIVES:
            raise ContentError(self.path, line, f"'```{kind}' is not a block reportkit knows here",
                               did_you_mean(kind, [*DIRECTIVES, *self.extra_blocks]))
        return directive_blocks(kind, node.content, self.path, line + 1, self.data)

    def _table(self, node: SyntaxTreeNode, caption: str) -> Table:
        line = self._line(node)
        self._check_ragged(node)
        sections = {child.type: child for child in node.children}
        header = tuple(tuple(Cell(self.inlines(cell.children[0], line), header=True)
                             for cell in row.children) for row in sections["thead"].children)
        body = sections.get("tbody")
        rows = tuple(tuple(Cell(self.inlines(cell.children[0], line)) for cell in row.children)
                     for row in (body.children if body else []))
        self.data.numbering.tables += 1
        label = f"Table {self.data.numbering.tables}"
        return Table(f"{label}: {caption}" if caption else label, header, rows)

    def _check_ragged(self, node: SyntaxTreeNode) -> None:
        start, end = node.map or (0, 0)
        widths = []
        for index in range(start, end):
            text = self.lines[index].strip()
            if index == start + 1 or not text:
                continue
            cells = re.split(r"(?<!\\)\|", text.strip("|"))
            widths.append((len(cells), self.first_line + index))
        expected = widths[0][0] if widths else 0
        for count, line in widths:
            if count != expected:
                raise ContentError(self.path, line, f"table row has {count} cells but the header has {expected}",
                                   "give every row the same number of | separated cells")

    # -- inlines -----------------------------------------------------------------------------

    def inlines(self, node: SyntaxTreeNode, line: int) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for child in node.children:
            kind = child.type
            if kind in ("text", "code_inline"):
                result.append(Text(child.content))
            elif kind == "softbreak":
                result.append(Text(" "))
            elif kind == "hardbreak":
                result.append(LineBreak())
            elif kind == "strong":
                result.append(Strong(self.inlines(child, line)))
            elif kind == "em":
                result.append(Emphasis(self.inlines(child, line)))
            elif kind == "link":
                href = str(child.attrs.get("href", ""))
                if not SAFE_LINK.match(href):
                    raise ContentError(self.path, line, f"link '{href}' is not a web or mail address",
                                       "links start with https://, http:// or mailto:")
                result.append(Link(href, self.inlines(child, line)))
            elif kind == "image":
                raise ContentError(self.path, line, "an image inside a sentence", "put the image in its own paragraph")
            else:
                raise ContentError(self.path, line, f"'{kind}' is not supported in text", "remove it")
        return _merge_text(result)


def _merge_text(inlines: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text) and not inline.text:
            continue
        if merged and isinstance(inline, Text) and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + inline.text)
        else:
            merged.append(inline)
    return tuple(merged)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def inline_markdown(text: str, reader: MarkdownReader, line: int) -> tuple[Inline, ...]:
    """Inline Markdown from a front-matter field (a summary, a recommendation)."""
    tree = SyntaxTreeNode(_parser().parse(text))
    paragraphs = [n for n in tree.children if n.type == "paragraph"]
    if len(paragraphs) != len(tree.children):
        raise ContentError(reader.path, line, "this field takes plain sentences", "remove headings, lists or tables")
    parts: list[Inline] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            parts.append(LineBreak())
        parts.extend(reader.inlines(paragraph.children[0], line))
    return _merge_text(parts)
