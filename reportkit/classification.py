"""A paper's classification: a closed set, so that a paper cannot be exempt in words the build misses.

A paper is ``Unrestricted``, or ``Exempt: paragraph N of Part 1 of Schedule 12A`` (optionally
followed by ``to the Local Government Act 1972``) with N from 1 to 7, or exempt in the theme's own
wording of an exempt item (``meeting: exempt_item:``, with its paragraph filled in). Anything else,
including the right words written with a look-alike character, is an error: a paper the build cannot
classify is never treated as public.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated

from pydantic import AfterValidator

UNRESTRICTED = "Unrestricted"
EXEMPT = re.compile(r"Exempt: paragraph ([1-7]) of Part 1 of Schedule 12A( to the Local Government Act 1972)?")
FORMS = "'Unrestricted', or 'Exempt: paragraph N of Part 1 of Schedule 12A' with N from 1 to 7"
_theme_wordings: ContextVar[tuple[str, ...]] = ContextVar("theme_exempt_wordings", default=())


@contextmanager
def theme_wordings(*wordings: str) -> Iterator[None]:
    """Accept also the theme's wordings of an exempt item ('... paragraph {paragraph} ...') inside the block."""
    token = _theme_wordings.set(wordings)
    try:
        yield
    finally:
        _theme_wordings.reset(token)


def exempt_paragraph(classification: str) -> int | None:
    """The Schedule 12A paragraph of an exempt classification; None for Unrestricted; ValueError otherwise."""
    text = " ".join(classification.split())
    if text == UNRESTRICTED:
        return None
    match = EXEMPT.fullmatch(text)
    for wording in _theme_wordings.get():
        pattern = re.escape(" ".join(wording.split())).replace(re.escape("{paragraph}"), "([1-7])", 1)
        match = match or re.fullmatch(pattern, text)
    if match:
        return int(match.group(1))
    odd = next((c for c in text if not c.isascii()), None)
    if odd is not None:
        name = unicodedata.name(odd, "unnamed")
        raise ValueError(f"'{text}' contains the character '{odd}' (U+{ord(odd):04X} {name}), which only looks like "
                         f"a letter: a classification is {FORMS}")
    raise ValueError(f"'{text}' is not a classification: a classification is {FORMS}")


def is_exempt(classification: str) -> bool:
    return exempt_paragraph(classification) is not None


def _checked(classification: str) -> str:
    exempt_paragraph(classification)
    return " ".join(classification.split())


Classification = Annotated[str, AfterValidator(_checked)]
