"""The words of a pack as the rules about prose read them: each sentence with its file and line, what it
cites by name and what it types, plus the static tables and the captions and titles of data blocks.

Markdown is parsed with markdown-it (the reader's own parser), so code, links and tables are told apart by
the parser, not by pattern. A citation ``{{ name }}`` is kept as a name: the rules look its value, period
and measure up in the pack's named values rather than in the printed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .. import confine
from ..errors import ContentError
from ..read.frontmatter import read_markdown_file
from ..read.yamlfile import LineDict, LineList, line_of

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML was built with it
CITATION = re.compile(r"\{\{\s*([A-Za-z0-9_][A-Za-z0-9_.\-]*)\s*\}\}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(£{])")
PROSE_FIELDS = ("title", "subject", "summary", "recommendations", "purpose")


@dataclass(frozen=True)
class Passage:
    """One sentence (or caption, title, table cell) of source text, citations left as ``{{ name }}``."""

    path: Path
    line: int
    kind: str  # prose, heading, caption, title (a chart's), field (front matter), cell
    text: str
    data: str = ""  # the dataset a caption or chart title describes
    measures: tuple[str, ...] = ()  # the measures it draws, where the block names them
    labels: tuple[tuple[str, str], ...] = ()  # a chart's legend labels: measure -> label
    key: str = ""  # the front matter field a field passage comes from
    span: int = 0  # a cell: the length of the cell's own text, which its row and column names follow
    rows: str = ""  # a chart of records: the column naming each bar
    columns: tuple[str, ...] = ()  # and the columns it draws

    def cited(self) -> list[tuple[int, str]]:
        """(position, name) of every citation."""
        return [(m.start(), m.group(1)) for m in CITATION.finditer(self.text)]

    def typed(self) -> str:
        """The text with each citation blanked to the same length, so typed words keep their positions."""
        return CITATION.sub(lambda m: " " * len(m.group(0)), self.text)


@dataclass(frozen=True)
class StaticTable:
    """A pipe table typed in Markdown: each row's cells as source text, with the row's line."""

    path: Path
    line: int
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Source:
    """One Markdown file of the pack, read for the prose rules."""

    path: Path
    meta: LineDict
    passages: tuple[Passage, ...]
    tables: tuple[StaticTable, ...]


def _parser() -> MarkdownIt:
    """The reader's parser, less inline parsing: the rules read each block's source text, not its emphasis."""
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table").disable("inline")


def read_sources(folder: Path) -> list[Source]:
    """Every Markdown file of the pack (never a folder or a pipe named like one), read under the confinement rule."""
    return [_source(path) for path in sorted(p for p in folder.rglob("*.md") if p.is_file())]


def _source(path: Path) -> Source:
    text = confine.read_text(path)
    try:
        source = read_markdown_file(path)
        meta, body, first = source.meta, source.body, source.body_first_line
    except ContentError:  # notes without fields: the whole file is body
        meta, body, first = LineDict(), text, 1
    passages = list(_field_passages(path, meta, text.split("\n")))
    tables: list[StaticTable] = []
    tokens = _parser().parse(body)
    _walk(tokens, path, first, passages, tables)
    return Source(path, meta, tuple(passages), tuple(tables))


def _field_passages(path: Path, meta: LineDict, lines: list[str]) -> Iterator[Passage]:
    for key in PROSE_FIELDS:
        value = meta.get(key)
        if isinstance(value, str):
            line = line_of(meta, key) or 1
            for passage in _sentences(path, line, "field", " ".join(value.split())):
                line = _source_line(lines, line, passage.text)
                yield replace(passage, key=key, line=line)


def _source_line(lines: list[str], from_line: int, sentence: str) -> int:
    """The line (from ``from_line`` on) where a sentence of a folded YAML field starts: YAML joins the lines."""
    opening = " ".join(sentence.split()[:3])
    for number in range(from_line, min(len(lines), from_line + 200) + 1):
        if opening in " ".join(lines[number - 1].split()):
            return number
    first_word = sentence.split()[0] if sentence.split() else ""
    for number in range(from_line, min(len(lines), from_line + 200) + 1):
        if first_word and first_word in lines[number - 1]:
            return number
    return from_line


def _sentences(path: Path, line: int, kind: str, text: str) -> Iterator[Passage]:
    position = 0
    for sentence in SENTENCE_END.split(text):
        start = text.find(sentence, position)
        position = start + len(sentence)
        yield Passage(path, line + text.count("\n", 0, start), kind, " ".join(sentence.split()))


def _walk(tokens: list[Token], path: Path, first: int, passages: list[Passage], tables: list[StaticTable]) -> None:
    heading = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = first + (token.map[0] if token.map else 0)
        if token.type == "table_open":
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            table = _table(tokens[index:end], path, first)
            tables.append(table)
            passages.extend(_cells(table))
            index = end + 1
            continue
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            content = token.content
            kind = "heading" if heading else "prose"
            if content.startswith("Table:"):
                kind, content = "caption", content[len("Table:"):]
            passages.extend(_sentences(path, line, kind, content))
        elif token.type == "fence":
            passages.extend(_fence(token, path, line))
        index += 1


def _table(tokens: list[Token], path: Path, first: int) -> StaticTable:
    rows: list[tuple[int, tuple[str, ...]]] = []
    cells: list[str] = []
    line = 0
    for token in tokens:
        if token.type == "tr_open":
            cells, line = [], first + (token.map[0] if token.map else 0)
        elif token.type == "inline":
            cells.append(token.content.strip())
        elif token.type == "tr_close":
            rows.append((line, tuple(cells)))
    header = rows[0][1] if rows else ()
    return StaticTable(path, first + (tokens[0].map[0] if tokens[0].map else 0), header, tuple(rows[1:]))


def _cells(table: StaticTable) -> Iterator[Passage]:
    """Each body cell with its row's and column's names after it, so a typed figure can be matched by name."""
    for line, cells in table.rows:
        for column, cell in enumerate(cells[1:], start=1):
            header = table.header[column] if column < len(table.header) else ""
            yield Passage(table.path, line, "cell", f"{cell} | {cells[0]} | {header}", span=len(cell))


def _fence(token: Token, path: Path, line: int) -> Iterator[Passage]:
    """The caption or title of a ```table or ```chart block, with the data it draws."""
    if token.info.strip() not in ("table", "chart"):
        return
    try:
        spec = yaml.load(token.content, Loader=FAST_LOADER)  # a safe loader
    except yaml.YAMLError:  # the build reports a broken block with its line
        return
    if not isinstance(spec, dict) or not isinstance(spec.get("data"), str):
        return
    measures = tuple(str(m) for m in spec.get("measures") or () if isinstance(spec.get("measures"), list))
    labels: dict[object, object] = spec["labels"] if isinstance(spec.get("labels"), dict) else {}
    rows = spec["rows"] if isinstance(spec.get("rows"), str) else ""
    columns = tuple(str(c) for c in spec["columns"]) if isinstance(spec.get("columns"), list) else ()
    for key, kind in (("caption", "caption"), ("title", "title")):
        text = spec.get(key)
        if isinstance(text, str):
            offset = next((n for n, row in enumerate(token.content.split("\n")) if row.startswith(f"{key}:")), 0)
            yield Passage(path, line + 1 + offset, kind, text, spec["data"], measures,
                          tuple((str(k), str(v)) for k, v in labels.items()), rows=rows, columns=columns)


def front_matter_people(meta: LineDict) -> Iterator[tuple[str, int]]:
    """Every person's name in front matter (from, authors, directors, attendance ...), with its line."""
    def walk(value: object, line: int) -> Iterator[tuple[str, int]]:
        if isinstance(value, LineDict):
            for key, item in value.items():
                item_line = line_of(value, key) or line
                if key == "name" and isinstance(item, str):
                    yield item, item_line
                else:
                    yield from walk(item, item_line)
        elif isinstance(value, LineList):
            for position, item in enumerate(value):
                yield from walk(item, value.item_lines[position])

    for key, value in meta.items():
        yield from walk(value, line_of(meta, key) or 1)
