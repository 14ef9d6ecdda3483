"""A standalone publication (a market position statement, a strategy): cover, contents, then chapters.

    ---
    type: publication
    title: Adult Social Care Accommodation Market Position Statement
    subtitle: 2025 to 2035
    author: Kent County Council
    chapters: [foreword.md, introduction.md, ...]     # each: type: chapter, title: ...
    ---

Each chapter starts on a new page with its title as the running header. The pieces here (pages,
contents, chapters) are shared with the CQC self-assessment, which is a publication with rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field

from ..classification import Classification
from ..errors import ContentError
from ..model import (
    Block,
    Contents,
    Cover,
    Document,
    Heading,
    Metadata,
    PageSetup,
    Part,
    Text,
)
from ..read.frontmatter import SourceFile, read_markdown_file
from ..read.markdown import MarkdownReader
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of
from .common import PackContext, long_date
from .publication_blocks import publication_blocks

ExtraBlocks = Callable[[MarkdownReader, PackContext], dict[str, Callable[[str, int], list[Block]]]]


class PublicationSpec(Strict):
    type: Literal["publication"]
    title: str
    subtitle: str = ""
    author: str
    classification: Classification = "Unrestricted"
    chapters: list[str] = Field(min_length=1)


class ChapterSpec(Strict):
    type: Literal["chapter"]
    title: str


def build_publication(source: SourceFile, ctx: PackContext) -> Document:
    spec = validate(PublicationSpec, source.meta, source.path, "the publication's front matter")
    parts: list[Part] = []
    for index, name in enumerate(spec.chapters):
        chapter = chapter_source(name, ctx, (source.path, line_of(source.meta, "chapters", index) or 1))
        title = validate(ChapterSpec, chapter.meta, chapter.path, "the chapter's front matter").title
        blocks = read_chapter(chapter, index + 1, ctx, publication_blocks)
        parts += chapter_parts(title, index + 1, blocks)
    meta = Metadata(title=spec.title, subject=f"{spec.title} {spec.subtitle}".strip(), author=spec.author,
                    language=ctx.theme.spec.language, classification=spec.classification,
                    keywords=(ctx.theme.spec.council,))
    return Document(source.path.stem, meta, framed(spec.title, spec.subtitle, spec.author, ctx, parts))


def framed(title: str, subtitle: str, author: str, ctx: PackContext, parts: list[Part]) -> tuple[Part, ...]:
    """The cover and the contents list in front of the chapters."""
    cover = Part((Cover(title, subtitle, author, long_date(ctx.date)),))
    return (cover, Part((Contents("Contents", None),)), *parts)


def chapter_source(name: str, ctx: PackContext, cited: tuple[Path, int]) -> SourceFile:
    path = (ctx.pack_dir / name).resolve()
    if not path.is_relative_to(ctx.pack_dir.resolve()) or not path.is_file():
        raise ContentError(cited[0], cited[1], f"chapter '{name}' not found in the pack", "check the file name")
    return read_markdown_file(path)


def read_chapter(source: SourceFile, number: int, ctx: PackContext,
                 extra: ExtraBlocks) -> Sequence[Block | PageSetup]:
    """The chapter's body; ``#`` headings become level 3 under the chapter title, anchors unique to it."""
    reader = MarkdownReader(source.path, ctx.pack_dir, heading_offset=2,
                            anchor_prefix=f"c{number}-")
    reader.extra_blocks = extra(reader, ctx)
    return reader.read(source.body, source.body_first_line)


def chapter_parts(title: str, number: int, blocks: Sequence[Block | PageSetup]) -> list[Part]:
    """The chapter under its title, split into a new part at each ```page block."""
    running_header = title.split(": ", 1)[-1]
    parts: list[Part] = []
    current: list[Block] = [Heading(2, (Text(title),), anchor=f"chapter-{number}")]
    orientation: Literal["portrait", "landscape"] = "portrait"
    for block in blocks:
        if isinstance(block, PageSetup):
            if current:
                parts.append(Part(tuple(current), orientation, running_header))
            current, orientation = [], block.orientation
        else:
            current.append(block)
    if current:
        parts.append(Part(tuple(current), orientation, running_header))
    return parts
