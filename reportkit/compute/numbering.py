"""Numbers as house styles print them: section and paragraph numbers, appendix labels, list markers.

Pure functions of counters and a scheme's names; the numbering transform decides what is counted.
"""

from __future__ import annotations


def letters(value: int, upper: bool = True) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (as spreadsheets and appendix lists run on)."""
    text = ""
    while value > 0:
        value, remainder = divmod(value - 1, 26)
        text = chr(ord("A") + remainder) + text
    return text if upper else text.lower()


def roman(value: int, upper: bool = False) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    text = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        text += numeral * count
    return text.upper() if upper else text


def appendix_label(index: int, scheme: str) -> str:
    """The label of the ``index``-th appendix (from 1) under ``scheme`` ("numbers" or "letters")."""
    return letters(index) if scheme == "letters" else str(index)


def list_marker(style: str, value: int) -> str:
    """The marker of item ``value`` of a list whose first item is written ``style`` ("a)", "(i)", "1.")."""
    counter = next(c for c in style if c.isalnum())
    if counter == "1":
        text = str(value)
    elif counter in "aA":
        text = letters(value, upper=counter == "A")
    else:
        text = roman(value, upper=counter == "I")
    return style.replace(counter, text, 1)
