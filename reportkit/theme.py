"""One theme per council: templates/<council>/theme.yaml, read once, used by every writer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from .errors import ContentError
from .read.schema import Strict, validate
from .read.yamlfile import load_yaml

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class FontFiles(Strict):
    regular: str
    bold: str
    italic: str
    bold_italic: str


class Fonts(Strict):
    family: str
    word_family: str
    files: FontFiles


class Sizes(Strict):
    body: float
    small: float
    title: float
    heading1: float
    heading2: float
    heading3: float
    table: float


class Colours(Strict):
    text: str
    heading: str
    accent: str
    muted: str
    rule: str
    table_header_fill: str
    callout_fill: str
    palette: list[str] = Field(min_length=2)

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str | list[str]) -> str | list[str]:
        for colour in value if isinstance(value, list) else [value]:
            if not HEX_COLOUR.match(colour):
                raise ValueError(f"'{colour}' is not a colour like #12436D")
        return value


class Margins(Strict):
    top: float
    right: float
    bottom: float
    left: float


class Page(Strict):
    size: str = "A4"
    margins_mm: Margins


class Wording(Strict):
    header_left: str
    footer: str
    recommendation_verbs: list[str]
    illustrative_note: str


class MeetingWording(Strict):
    """The fixed wording of an agenda front sheet and a bound meeting pack; a council overrides what differs."""

    standard_items: dict[str, str] = {
        "webcasting": "Introduction/Webcasting Announcement",
        "vice-chair": "Election of Vice-Chair",
        "apologies": "Apologies and Substitutes",
        "declarations": "Declarations of Interest by Members in items on the agenda",
    }
    membership: str = "Membership ({count})"
    vacancies: str = "plus {count} vacancies"
    vacancy: str = "plus 1 vacancy"
    ask_for: str = "Ask for"
    unrestricted_heading: str = "Unrestricted items"
    unrestricted_note: str = "(During these items the meeting is likely to be open to the public)"
    exempt_heading: str = "Exempt items"
    exempt_note: str = "(During these items the meeting is likely NOT to be open to the public)"
    no_exempt_note: str = ("(At the time of preparing the agenda there were no exempt items. During any such items "
                           "which may arise the meeting is likely NOT to be open to the public)")
    exempt_item: str = ("Exempt item: not for publication under paragraph {paragraph} of Part 1 of Schedule 12A "
                        "to the Local Government Act 1972")
    verbal: str = "(Verbal update, no papers)"
    pages: str = "(Pages {start} - {end})"
    footer: str = "Page {page}"
    blank_page: str = "This page is intentionally left blank"
    restricted: str = "Exempt: not for publication"
    background_note: str = ("Background documents referred to in these papers may be inspected by arrangement "
                            "with the officer who prepared the report.")


class WebWording(Strict):
    """The fixed wording of the web edition's pages; a council overrides what differs."""

    skip_link: str = "Skip to main content"
    site_navigation: str = "Papers in this pack"
    agenda: str = "Agenda"
    papers: str = "Papers:"
    chart_data: str = "Show the data in this chart as a table"


class AlternativeFormats(Strict):
    """How readers ask for a document in another format or language, printed in the box that says so."""

    phone: str
    text_relay: str = ""
    email: str


class Contact(Strict):
    email_domains: list[str]
    phone_pattern: str
    alternative_formats: AlternativeFormats


class RagColour(Strict):
    fill: str = Field(pattern=HEX_COLOUR.pattern)
    text: str = Field(pattern=HEX_COLOUR.pattern)


class Rag(Strict):
    """How KPIs are rated when their file names no rule, and how the rating words are shaded."""

    rule: Literal["floor", "tolerance"] = "floor"
    tolerance_pct: float = Field(10, ge=0, le=100)
    green: RagColour
    amber: RagColour
    red: RagColour


class ThemeSpec(Strict):
    council: str
    language: str = "en-GB"
    fonts: Fonts
    sizes: Sizes
    colours: Colours
    page: Page
    wording: Wording
    contact: Contact
    rag: Rag
    meeting: MeetingWording = MeetingWording()
    web: WebWording = WebWording()
    districts: list[str] = []  # the council's districts: rows of district tables are checked against it


@dataclass(frozen=True)
class Theme:
    """A validated theme and the folder its files live in."""

    name: str
    folder: Path
    spec: ThemeSpec

    def font_path(self, face: str) -> Path:
        return self.folder / getattr(self.spec.fonts.files, face)

    def footer_pieces(self, wording: str = "") -> tuple[str, ...]:
        """The footer wording split around its live fields: 'Page {page} of {pages}' ->
        ('Page ', '{page}', ' of ', '{pages}'). Each writer turns '{page}' into its own field."""
        return split_fields(wording or self.spec.wording.footer, ("page", "pages"))

    @property
    def font_faces(self) -> dict[str, Path]:
        return {face: self.font_path(face) for face in ("regular", "bold", "italic", "bold_italic")}


def split_fields(wording: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """'(Pages {start} - {end})' -> ('(Pages ', '{start}', ' - ', '{end}', ')'), keeping only known fields."""
    import re

    pattern = "(" + "|".join(re.escape("{" + name + "}") for name in names) + ")"
    return tuple(piece for piece in re.split(pattern, wording) if piece)


def load_theme(templates_dir: Path, name: str, cited_at: tuple[Path, int | None]) -> Theme:
    folder = templates_dir / name
    theme_file = folder / "theme.yaml"
    if not theme_file.is_file():
        known = sorted(p.name for p in templates_dir.iterdir() if (p / "theme.yaml").is_file())
        raise ContentError(cited_at[0], cited_at[1], f"no theme called '{name}'",
                           f"themes available: {', '.join(known)}")
    spec = validate(ThemeSpec, load_yaml(theme_file), theme_file, "the theme")
    theme = Theme(name, folder, spec)
    for face, path in theme.font_faces.items():
        if not path.resolve().is_relative_to(folder.resolve()):
            raise ContentError(theme_file, None, f"font file for '{face}' is outside the theme folder",
                               "bundle the font under the theme's fonts/ folder")
        if not path.is_file():
            raise ContentError(theme_file, None, f"font file for '{face}' not found: {path.name}",
                               "bundle the font under the theme's fonts/ folder")
    return theme
