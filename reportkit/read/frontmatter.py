"""Split a Markdown file into its YAML front matter and its body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError
from .yamlfile import LineDict, parse_yaml, read_text


@dataclass(frozen=True)
class SourceFile:
    path: Path
    meta: LineDict
    body: str
    body_first_line: int


def read_markdown_file(path: Path) -> SourceFile:
    text = read_text(path)
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "the file does not start with front matter",
                           "begin with a line '---', the report's fields, then another '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(path, 1, "the front matter is not closed",
                           "add a line '---' after the last field") from None
    meta: Any = parse_yaml("\n".join(lines[1:end]), path, first_line=2)
    if not isinstance(meta, LineDict):
        raise ContentError(path, 2, "the front matter must be 'name: value' fields",
                           "see the author guide in README.md")
    return SourceFile(path, meta, "\n".join(lines[end + 1:]), end + 2)
