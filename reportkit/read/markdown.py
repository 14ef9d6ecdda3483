"""Markdown body -> model blocks with pending nodes, each carrying its file and line.

Nothing is numbered or looked up here. In a document whose body is numbered, author headings
``#`` to ``###`` and top-level paragraphs are left for the numbering transform (``number=None``);
``{{ name }}`` becomes a pending value, ``{@label}`` a pending cross-reference, and ```table /
```chart blocks pending data blocks. ``{#label}`` at the end of a heading, paragraph, ``Table:``
caption or image line labels it for cross-references. Raw HTML is off; links may only be web or
mail addresses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from ..errors import ContentError, did_you_mean
from ..model import (
    Block,
    Callout,
    Cell,
    CrossRef,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListStyle,
    Paragraph,
    Source,
    Strong,
    Table,
    Text,
    ValueRef,
    plain_text,
)
from .directives import DIRECTIVES, directive_block
from .limits import check_image
from .list_markers import ListStart, rewrite_markers

MAX_DEPTH = 3
SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
IMAGE_BOX_MM = (160.0, 200.0)  # the most an author's picture may take on the page: width, height
LABEL_NAME = r"[A-Za-z][A-Za-z0-9_-]*"
TRAILING_LABEL = re.compile(r"\s*\{#(" + LABEL_NAME + r")\}\s*$")
# in running text: a cited value, a cross-reference, or a label that is not at the end of its line
TEXT_TOKEN = re.compile(r"\{\{(.*?)\}\}|\{@(" + LABEL_NAME + r")\}|\{#(" + LABEL_NAME + r")\}")
VALUE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    # Every link and image reaches the reader, which refuses what is not allowed with its line, rather
    # than markdown-it quietly printing a file:// or javascript: address as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


@dataclass
class MarkdownReader:
    path: Path
    pack_dir: Path
    numbered: bool = False  # the body's headings and paragraphs take numbers (a committee report's do)
    heading_offset: int = 1  # author '#' is output level 2: level 1 is the document title
    anchor_prefix: str = "s-"  # keeps anchors unique where several files make one document
    anchors: set[str] = field(default_factory=set)
    # fenced blocks a document type adds (```survey ...): name -> reader of (YAML text, its first line)
    extra_blocks: dict[str, Callable[[str, int], list[Block]]] = field(default_factory=dict)
    depth: int = 0  # the section depth of the last heading read
    labels: dict[str, int] = field(default_factory=dict)  # cross-reference labels set in this file: line

    def read(self, body: str, first_line: int) -> list[Block]:
        self.first_line = first_line
        self.lines = body.split("\n")
        parsed, self.list_starts = rewrite_markers(body)
        tree = SyntaxTreeNode(_parser().parse(_protect_placeholders(parsed)))
        return self._blocks(tree.children, top=True)

    def source(self, line: int | None) -> Source:
        return Source(self.path, line)

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

    def anchor(self, base: str) -> str:
        anchor = self.anchor_prefix + base
        anchor = next(a for n in range(1, 1000) if (a := anchor if n == 1 else f"{anchor}-{n}") not in self.anchors)
        self.anchors.add(anchor)
        return anchor

    def _block(self, node: SyntaxTreeNode, top: bool) -> list[Block]:
        kind = node.type
        if kind == "heading":
            return [self._heading(node, top)]
        if kind == "paragraph":
            return [self._paragraph(node, top)]
        if kind in ("bullet_list", "ordered_list"):
            return [self._list(node)]
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

    def _list(self, node: SyntaxTreeNode) -> ListBlock:
        items = tuple(tuple(self._blocks(item.children)) for item in node.children)
        if node.type == "bullet_list":
            return ListBlock(False, items)
        first_line = node.children[0].map[0] if node.children and node.children[0].map else -1
        written = self.list_starts.get(first_line)
        if written is None:
            start = int(str(node.attrs.get("start", 1)))
            delimiter = node.children[0].markup if node.children else "."
            written = ListStart(f"1{delimiter or '.'}", start)
        return ListBlock(True, items, cast(ListStyle, written.style), written.start)

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
        if author_level > self.depth + 1:
            raise ContentError(self.path, line,
                               f"heading level {author_level} follows level {self.depth}, skipping a level",
                               f"use {'#' * (self.depth + 1)} here")
        self.depth = author_level
        content, label = self._labelled(self.inlines(node.children[0], line), line)
        anchor = self.anchor(_slug(plain_text(content)) or "section")
        return Heading(author_level + self.heading_offset, content, None if self.numbered else "", anchor, label,
                       author_level)

    def _paragraph(self, node: SyntaxTreeNode, top: bool) -> Block:
        inline = node.children[0]
        line = self._line(node)
        images = [child for child in inline.children if child.type == "image"]
        if images:
            rest = "".join(c.content for c in inline.children if c.type != "image")
            written = TRAILING_LABEL.fullmatch(rest) if rest else None
            if len(images) != 1 or (rest and not written):
                raise ContentError(self.path, line, "an image must stand alone in its paragraph",
                                   "put a blank line before and after the image")
            return self._image(images[0], line, self.label(written.group(1), line) if written else "")
        content, label = self._labelled(self.inlines(inline, line), line)
        number = None if top and self.numbered and self.depth else ""
        return Paragraph(content, number, self.anchor(f"p-{label}") if label else "", label, self.depth)

    def _labelled(self, content: tuple[Inline, ...], line: int) -> tuple[tuple[Inline, ...], str]:
        """The content without a trailing ``{#label}``, and the label ("" when there is none)."""
        if not content or not isinstance(content[-1], Text):
            return content, ""
        match = TRAILING_LABEL.search(content[-1].text)
        if not match:
            return content, ""
        rest = content[-1].text[:match.start()]
        return (*content[:-1], *((Text(rest),) if rest else ())), self.label(match.group(1), line)

    def _split_label(self, text: str, line: int) -> tuple[str, str]:
        match = TRAILING_LABEL.search(text)
        return (text[:match.start()], self.label(match.group(1), line)) if match else (text, "")

    def label(self, name: str, line: int) -> str:
        """Note a label set at ``line``: each may be set once."""
        if name in self.labels:
            raise ContentError(self.path, line, f"the label '{name}' is already set at line {self.labels[name]}",
                               "give each heading, paragraph, table or figure its own label")
        self.labels[name] = line
        return name

    def _image(self, node: SyntaxTreeNode, line: int, label: str) -> Figure:
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
        width, height = _fitted_size(check_image(self.path.parent / src, (self.path, line)))
        return Figure(target, alt, title or alt, width, height, label=label)

    def _fence(self, node: SyntaxTreeNode) -> list[Block]:
        kind = node.info.strip()
        line = self._line(node)
        if kind in self.extra_blocks:
            return self.extra_blocks[kind](node.content, line + 1)
        if kind not in DIRECTIVES:
            raise ContentError(self.path, line, f"'```{kind}' is not a block reportkit knows here",
                               did_you_mean(kind, [*DIRECTIVES, *self.extra_blocks]))
        block = directive_block(kind, node.content, self.path, line + 1)
        if block.label:
            self.label(block.label, line)
        return [block]

    def _table(self, node: SyntaxTreeNode, caption: str) -> Table:
        line = self._line(node)
        self._check_ragged(node)
        sections = {child.type: child for child in node.children}
        header = tuple(tuple(Cell(self.inlines(cell.children[0], line), header=True)
                             for cell in row.children) for row in sections["thead"].children)
        body = sections.get("tbody")
        rows = tuple(tuple(Cell(self.inlines(cell.children[0], line)) for cell in row.children)
                     for row in (body.children if body else []))
        caption, label = self._split_label(caption, line - 1)
        return Table(caption, header, rows, label=label)

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
        return self._pending(_merge_text(result), line)

    def _pending(self, inlines: tuple[Inline, ...], line: int) -> tuple[Inline, ...]:
        """Text with ``{{ value }}`` and ``{@label}`` split out as pending nodes."""
        result: list[Inline] = []
        for inline in inlines:
            if not isinstance(inline, Text) or ("{" not in inline.text and "}" not in inline.text):
                result.append(inline)
                continue
            text, at = inline.text, 0
            for match in TEXT_TOKEN.finditer(text):
                value, reference, label = match.groups()
                if label is not None:
                    if match.end() == len(text.rstrip()):
                        continue  # a trailing label, taken off by the heading or paragraph
                    raise ContentError(self.path, line, f"'{{#{label}}}' must end its heading, paragraph or caption",
                                       "put the label at the end of the line it names; refer to it as {@"
                                       f"{label}}}")
                result.append(Text(_checked_braces(text[at:match.start()], self.path, line)))
                at = match.end()
                if reference is not None:
                    result.append(CrossRef(reference, self.source(line)))
                    continue
                name = value.strip()
                if not VALUE_NAME.match(name):
                    raise ContentError(self.path, line, f"'{{{{{value}}}}}' is not a value name",
                                       "between {{ and }} write only a name, such as assessments.incomplete.latest")
                result.append(ValueRef(name, self.source(line)))
            result.append(Text(_checked_braces(text[at:], self.path, line)))
        return _merge_text(result)


PLACEHOLDER_SPAN = re.compile(r"\{\{[^{}\n]*\}\}")
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>!~])")


def _protect_placeholders(text: str) -> str:
    """``{{ ... }}`` in running text with Markdown's punctuation escaped, so a name is read whole, never
    as emphasis; fenced blocks (YAML read by their own readers) are left as written."""
    lines, fenced = text.split("\n"), False
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and "{{" in line:
            lines[index] = PLACEHOLDER_SPAN.sub(lambda m: MARKDOWN_PUNCTUATION.sub(r"\\\1", m.group(0)), line)
    return "\n".join(lines)


def _checked_braces(text: str, path: Path, line: int) -> str:
    if "{{" in text:
        raise ContentError(path, line, "'{{' is not closed", "cite a value as {{ name }} on one line")
    if "}}" in text:
        raise ContentError(path, line, "'}}' without a matching '{{'", "cite a value as {{ name }}")
    return text


def _merge_text(inlines: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text) and not inline.text:
            continue
        if merged and isinstance(inline, Text) and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + inline.text)
        else:
            merged.append(inline)
    return tuple(merged)


def _fitted_size(pixels: tuple[int, int]) -> tuple[float, float]:
    """The picture's size on the page in mm: as wide as the text, or less, keeping its own proportions."""
    box_width, box_height = IMAGE_BOX_MM
    scale = min(box_width / pixels[0], box_height / pixels[1])
    return round(pixels[0] * scale, 2), round(pixels[1] * scale, 2)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def inline_markdown(text: str, reader: MarkdownReader, line: int) -> tuple[Inline, ...]:
    """Inline Markdown from a front-matter field (a summary, a recommendation)."""
    tree = SyntaxTreeNode(_parser().parse(_protect_placeholders(text)))
    paragraphs = [n for n in tree.children if n.type == "paragraph"]
    if len(paragraphs) != len(tree.children):
        raise ContentError(reader.path, line, "this field takes plain sentences", "remove headings, lists or tables")
    parts: list[Inline] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            parts.append(LineBreak())
        parts.extend(reader.inlines(paragraph.children[0], line))
    return _merge_text(parts)
