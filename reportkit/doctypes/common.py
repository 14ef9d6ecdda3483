"""Pieces every document type uses: people, dates, contacts, the reading context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..compute.dashboard import Dashboard
from ..compute.datasets import Dataset
from ..compute.values import NamedValue
from ..model import Inline, LineBreak, Link, Paragraph, Strong, Text
from ..read.schema import NonEmpty, Strict
from ..theme import ContactLabels, Theme


class Person(Strict):
    name: NonEmpty
    role: NonEmpty
    phone: str = ""
    email: str = ""


@dataclass
class PackContext:
    """What every document of a pack is read with."""

    pack_dir: Path
    theme: Theme
    datasets: dict[str, Dataset]
    values: dict[str, NamedValue]
    dashboards: dict[str, Dashboard]
    date: date  # the pack's date: the meeting, or the day a self-assessment is published


def long_date(day: date) -> str:
    """'8 July 2026', the form committee papers use."""
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """'Wednesday, 12 November 2025', the form agendas and minutes open with."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    return f"{days[day.weekday()]}, {long_date(day)}"


def contact_block(person: Person, labels: ContactLabels | None = None) -> Paragraph:
    """Name, role, phone and email, each on its own line; ``labels`` ("Tel:", "Email:") go before the last two."""
    phone_label = f"{labels.phone} " if labels and labels.phone else ""
    email_label = f"{labels.email} " if labels and labels.email else ""
    parts: list[Inline] = [Strong((Text(person.name),)), LineBreak(), Text(person.role)]
    if person.phone:
        parts += [LineBreak(), Text(f"{phone_label}{person.phone}")]
    if person.email:
        parts += [LineBreak(), *((Text(email_label),) if email_label else ()),
                  Link(f"mailto:{person.email}", (Text(person.email),))]
    return Paragraph(tuple(parts))


def embolden_words(inlines: tuple[Inline, ...], words: list[str]) -> tuple[Inline, ...]:
    """Set the given capitalised words (NOTE, COMMENT, MAKE RECOMMENDATIONS ...) in bold wherever they
    stand alone; a phrase may run over a line break."""
    if not words:
        return inlines
    phrases = (r"\s+".join(re.escape(part) for part in w.split()) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(r"\b(" + "|".join(phrases) + r")\b")
    result: list[Inline] = []
    for inline in inlines:
        if not isinstance(inline, Text):
            result.append(inline)
            continue
        for index, piece in enumerate(pattern.split(inline.text)):
            if piece:
                result.append(Strong((Text(piece),)) if index % 2 else Text(piece))
    return tuple(result)
