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
    districts: list[str] = []  # the council's districts: rows of district tables are checked against it


@dataclass(frozen=True)
class Theme:
    """A validated theme and the folder its files live in."""

    name: str
    folder: Path
    spec: ThemeSpec

    def font_path(self, face: str) -> Path:
        return self.folder / getattr(self.spec.fonts.files, face)

    def footer_pieces(self) -> tuple[str, ...]:
        """The footer wording split around its live fields: 'Page {page} of {pages}' ->
        ('Page ', '{page}', ' of ', '{pages}'). Each writer turns '{page}' into its own field."""
        import re

        return tuple(piece for piece in re.split(r"(\{pages?\})", self.spec.wording.footer) if piece)

    @property
    def font_faces(self) -> dict[str, Path]:
        return {face: self.font_path(face) for face in ("regular", "bold", "italic", "bold_italic")}


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
