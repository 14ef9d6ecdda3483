"""Lettered and roman list markers (a), b) / (a) / i) / (iv)), which CommonMark does not know.

Before parsing, each such marker is rewritten as the decimal marker CommonMark reads ("b)" -> "2)"),
and the style and start of the list it opens are remembered by line, for the reader to put back on
the list. A marker is read as roman when its list opens with "i" (or a longer roman numeral) and
then runs on in roman numerals; otherwise letters run a, b, c ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"^(?P<indent> *)(?P<marker>\((?P<wrapped>[a-z]+)\)|(?P<bare>[a-z]+|[A-Z])(?P<delim>[.)]))(?= +\S)")
STANDARD_ITEM = re.compile(r"^ *([-*+]|\d{1,9}[.)])( +|$)")
ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(numeral: str) -> int:
    total = 0
    for index, char in enumerate(numeral):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


@dataclass(frozen=True)
class ListStart:
    style: str  # the first item's marker written as item 1: "a)", "(i)" ...
    start: int


@dataclass
class _Run:
    roman: bool
    value: int


def rewrite_markers(text: str) -> tuple[str, dict[int, ListStart]]:
    """``text`` with lettered and roman markers made decimal, and line index -> the list each marker line
    opens or continues (only the first item's line is looked up, by the list's first line)."""
    lines = text.split("\n")
    styles: dict[int, ListStart] = {}
    runs: dict[int, _Run] = {}
    previous_blank_or_item = True
    for index, line in enumerate(lines):
        if not line.strip():
            previous_blank_or_item = True
            continue
        match = MARKER.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if match and previous_blank_or_item:
            lines[index], start = _rewrite(line, match, runs)
            styles[index] = start
            continue
        standard = STANDARD_ITEM.match(line)
        previous_blank_or_item = bool(standard)
        if not standard and indent == 0:
            runs.clear()  # an ordinary paragraph ends every list
    return "\n".join(lines), styles


def _rewrite(line: str, match: re.Match[str], runs: dict[int, _Run]) -> tuple[str, ListStart]:
    indent = len(match["indent"])
    for deeper in [k for k in runs if k > indent]:
        del runs[deeper]
    letters = match["wrapped"] or match["bare"]
    lower = letters.lower()
    run = runs.get(indent)
    single_letter = len(lower) == 1
    as_letter = ord(lower) - ord("a") + 1 if single_letter else None
    as_roman = roman_value(lower) if ROMAN.match(lower) else None
    if run and run.roman and as_roman == run.value + 1:
        roman, value = True, as_roman
    elif run and not run.roman and as_letter == run.value + 1:
        roman, value = False, as_letter
    elif as_roman is not None and (lower == "i" or not single_letter):
        roman, value = True, as_roman
    elif as_letter is not None:
        roman, value = False, as_letter
    else:  # several letters that are not a roman numeral: not a marker after all
        return line, ListStart("1.", 1)
    runs[indent] = _Run(roman, value)
    first = ("i" if roman else "a")
    first = first.upper() if letters.isupper() else first
    style = f"({first})" if match["wrapped"] else f"{first}{match['delim']}"
    delimiter = "." if match["delim"] == "." else ")"
    number = f"{value}{delimiter}".rjust(len(match["marker"]))
    return match["indent"] + number + line[match.end():], ListStart(style, value)
