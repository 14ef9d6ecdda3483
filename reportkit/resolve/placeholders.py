"""The placeholder syntax for citing a value in prose: ``{{ assessments.incomplete.latest }}``.

Only a name may stand between the braces: there are no expressions, filters or calls, so
content can never run code. Unknown names are errors at the file and line they appear on.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..compute.values import NamedValue
from ..errors import ContentError, did_you_mean

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
ILLUSTRATIVE_MARK = " (illustrative)"


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
        if name not in values:
            raise ContentError(path, line_number, f"unknown value '{name}'", did_you_mean(name, values))
        value = values[name]
        return value.text + (ILLUSTRATIVE_MARK if value.illustrative else "")

    if "{{" not in line:
        if "}}" in line:
            raise ContentError(path, line_number, "'}}' without a matching '{{'", "cite a value as {{ name }}")
        return line
    filled = PLACEHOLDER.sub(replace, line)
    if "{{" in filled:
        raise ContentError(path, line_number, "'{{' is not closed", "cite a value as {{ name }} on one line")
    return filled
