"""Safe YAML loading that remembers the line of every mapping key and list item."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .. import confine
from ..errors import ContentError
from .limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH


class LineDict(dict):
    """A mapping from YAML that knows the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    """A list from YAML that knows the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader (no Python objects can be built) that records node positions."""

    line_offset = 0
    depth = 0
    aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:  # index: an int or a key node
        """Refuse deep nesting and alias bombs before they cost memory or recursion."""
        line = self.peek_event().start_mark.line + 1 + self.line_offset
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise ContentError(self.name, line, f"more than {MAX_YAML_ALIASES} YAML aliases (*name)",
                                   "write the values out in full instead of repeating them with aliases")
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            raise ContentError(self.name, line, f"YAML nested more than {MAX_YAML_DEPTH} levels deep",
                               "flatten the structure: content fields need only a few levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1 + self.line_offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise ContentError(self.name, key_node.start_mark.line + 1 + self.line_offset,
                                   "a mapping key must be plain text", "write the key as a word")
            key = str(key)
            if key in result:
                raise ContentError(self.name, key_node.start_mark.line + 1 + self.line_offset,
                                   f"'{key}' is given twice", "keep one of the two entries")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1 + self.line_offset
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result


    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> date:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise ContentError(self.name, node.start_mark.line + 1 + self.line_offset,
                               f"'{node.value}' is not a real date ({exc})", "write dates as YYYY-MM-DD") from None


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML text that starts at ``first_line`` of ``path``; errors carry file:line."""
    loader: _LineLoader | None = None
    try:
        loader = _LineLoader(text)
        loader.name = str(path)
        loader.line_offset = first_line - 1
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise ContentError(path, line, f"YAML: {problem}",
                           "check indentation and put text containing ':' or '#' in quotes") from None
    except yaml.YAMLError as exc:
        raise ContentError(path, first_line, f"YAML: {' '.join(str(exc).split())}", "check the YAML syntax") from None
    except RecursionError:
        raise ContentError(path, first_line, "YAML nested too deep", "flatten the structure") from None
    finally:
        if loader is not None:
            loader.dispose()


def load_yaml(path: Path) -> Any:
    """Read and parse a YAML file; a missing file is a content error, not a crash."""
    return parse_yaml(read_text(path), path)


def read_text(path: Path) -> str:
    """A content file's text, read under the confinement rule (:mod:`reportkit.confine`)."""
    return confine.read_text(path)


def line_of(node: Any, *keys: str | int) -> int | None:
    """The line of ``node[keys[0]][keys[1]]...`` as far as the path can be followed."""
    line = getattr(node, "line", None) or None
    for key in keys:
        if isinstance(node, LineDict) and isinstance(key, str) and key in node:
            line = node.key_lines.get(key, line)
            node = node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            line = node.item_lines[key]
            node = node[key]
        else:
            break
    return line
