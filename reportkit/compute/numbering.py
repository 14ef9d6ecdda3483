"""Labels as house styles print them: appendices numbered 1, 2 or lettered A, B."""

from __future__ import annotations


def letters(value: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA (as spreadsheets and appendix lists run on)."""
    text = ""
    while value > 0:
        value, remainder = divmod(value - 1, 26)
        text = chr(ord("A") + remainder) + text
    return text


def appendix_label(index: int, scheme: str) -> str:
    """The label of the ``index``-th appendix (from 1) under ``scheme`` ("numbers" or "letters")."""
    return letters(index) if scheme == "letters" else str(index)
