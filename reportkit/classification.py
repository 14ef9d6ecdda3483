"""A paper's classification: a closed set, so that a paper cannot be exempt in words the build misses.

A paper is ``Unrestricted``, or ``Exempt: paragraph N of Part 1 of Schedule 12A`` (optionally
followed by ``to the Local Government Act 1972``) with N from 1 to 7. Anything else, including the
right words written with a look-alike character, is an error: a paper the build cannot classify
is never treated as public.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

UNRESTRICTED = "Unrestricted"
EXEMPT = re.compile(r"Exempt: paragraph ([1-7]) of Part 1 of Schedule 12A( to the Local Government Act 1972)?")
FORMS = "'Unrestricted', or 'Exempt: paragraph N of Part 1 of Schedule 12A' with N from 1 to 7"


def exempt_paragraph(classification: str) -> int | None:
    """The Schedule 12A paragraph of an exempt classification; None for Unrestricted; ValueError otherwise."""
    text = " ".join(classification.split())
    if text == UNRESTRICTED:
        return None
    match = EXEMPT.fullmatch(text)
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
