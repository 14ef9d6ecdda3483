"""The placeholder syntax for citing a value: ``{{ assessments.incomplete.latest }}``.

Only a name may stand between the braces: there are no expressions, filters or calls, so
content can never run code. Unknown names are errors at the file and line they appear on. Prose
cites values through pending :class:`~reportkit.model.ValueRef` nodes; plain-text fields (a
subject line, a caption or chart title in a block's YAML) are filled here as strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..compute.values import NamedValue
from ..errors import ContentError, did_you_mean

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
ILLUSTRATIVE_MARK = " (illustrative)"


def value_text(name: str, values: Mapping[str, NamedValue], path: Path, line: int | None, mark: bool = True) -> str:
    """The printed value of ``name``, marked when it is illustrative (and ``mark`` is true)."""
    if name not in values:
        raise ContentError(path, line, f"unknown value '{name}'", did_you_mean(name, list(values)))
    value = values[name]
    return value.text + (ILLUSTRATIVE_MARK if value.illustrative and mark else "")


def fill(text: str, values: dict[str, NamedValue], path: Path, first_line: int) -> str:
    """Replace every placeholder in ``text`` (which starts at ``first_line`` of ``path``)."""
    lines = text.split("\n")
    return "\n".join(fill_line(line, values, path, first_line + index) for index, line in enumerate(lines))


def fill_line(line: str, values: dict[str, NamedValue], path: Path, line_number: int) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if not NAME.match(name):
            raise ContentError(path, line_number, f"'{{{{{match.group(1)}}}}}' is not a value name",
                               "between {{ and }} write only a name, such as assessments.incomplete.latest")
        return value_text(name, values, path, line_number)

    if "{{" not in line:
        if "}}" in line:
            raise ContentError(path, line_number, "'}}' without a matching '{{'", "cite a value as {{ name }}")
        return line
    filled = PLACEHOLDER.sub(replace, line)
    if "{{" in filled:
        raise ContentError(path, line_number, "'{{' is not closed", "cite a value as {{ name }} on one line")
    return filled
