"""One theme per council: templates/<council>/theme.yaml, read once, used by every writer."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from . import confine
from .errors import ContentError
from .read.schema import Strict, schema_error
from .read.yamlfile import line_of, load_yaml

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
BASE_TEMPLATES = "_base"  # the toolkit's own templates, shared by every theme


class FontFiles(Strict):
    regular: str
    bold: str
    italic: str
    bold_italic: str


# Every theme value that reaches the PDF's CSS is of a closed form, checked here: a colour, a size,
# a page size, a font name. Wording reaches CSS only as an escaped string (write/html.py css_string).
FONT_NAME = r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$"
PAGE_SIZES = Literal["A3", "A4", "A5", "B4", "B5", "letter", "legal"]
PointSize = Annotated[float, Field(gt=0, le=200)]
Millimetres = Annotated[float, Field(ge=0, le=100)]


class Fonts(Strict):
    family: str = Field(pattern=FONT_NAME)
    word_family: str = Field(pattern=FONT_NAME)
    files: FontFiles


class Sizes(Strict):
    body: PointSize
    small: PointSize
    title: PointSize
    heading1: PointSize
    heading2: PointSize
    heading3: PointSize
    table: PointSize


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
    top: Millimetres
    right: Millimetres
    bottom: Millimetres
    left: Millimetres


class Page(Strict):
    size: PAGE_SIZES = "A4"
    margins_mm: Margins


class Wording(Strict):
    header_left: str = ""  # the running header's text (the council's name when empty)
    footer: str = "Page {page} of {pages}"  # {page} and {pages} are live page numbers
    footer_position: Literal["left", "center", "right"] = "center"
    classification_marking: bool = True  # print the paper's classification at the top right of each page
    recommendation_verbs: list[str] = ["NOTE", "COMMENT", "CONSIDER", "ENDORSE", "APPROVE", "AGREE", "DELEGATE",
                                       "DISCUSS"]
    illustrative_note: str = ("Values marked illustrative are not published figures; they stand in where the "
                              "source gives none.")


class MeetingWording(Strict):
    """The fixed wording of an agenda front sheet and a bound meeting pack; a council overrides what differs."""

    standard_items: dict[str, str] = {
        "webcasting": "Introduction/Webcasting Announcement",
        "vice-chair": "Election of Vice-Chair",
        "apologies": "Apologies and Substitutes",
        "declarations": "Declarations of Interest by Members in items on the agenda",
    }
    working_days: list[Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]] = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]  # days a committee may meet
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
    minute_heading: str = "{title} (Item {item})"  # how each minute's heading prints in the minutes
    footer: str = "Page {page}"
    blank_page: str = "This page is intentionally left blank"
    restricted: str = "Exempt: not for publication"
    background_note: str = ("Background documents referred to in these papers may be inspected by arrangement "
                            "with the officer who prepared the report.")

    @model_validator(mode="after")
    def _fields(self) -> MeetingWording:
        """Each wording carries exactly the fields the toolkit fills in, and no others."""
        for name, (required, allowed) in WORDING_FIELDS.items():
            wording = getattr(self, name)
            try:
                fields = {field for _, field, _, _ in string.Formatter().parse(wording) if field is not None}
            except ValueError:
                raise ValueError(f"'{name}': a '{{' or '}}' is not part of a field; write fields as "
                                 f"{', '.join('{' + f + '}' for f in sorted(allowed)) or 'none'}") from None
            missing, unknown = required - fields, fields - allowed
            if missing or unknown:
                problem = (f"needs {{{sorted(missing)[0]}}}" if missing
                           else f"has an unknown field {{{sorted(unknown)[0]}}}")
                raise ValueError(f"'{name}' {problem}; its fields are "
                                 f"{', '.join('{' + f + '}' for f in sorted(allowed)) or 'none'}")
        return self


# wording name -> (fields it must carry, fields it may carry); any other wording carries none
WORDING_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    "membership": ({"count"}, {"count"}),
    "vacancies": ({"count"}, {"count"}),
    "exempt_item": ({"paragraph"}, {"paragraph"}),
    "pages": ({"start", "end"}, {"start", "end"}),
    # a bound pack's footer: no page total, as each item's pages are laid out on their own
    "footer": ({"page"}, {"page"}),
    "minute_heading": ({"title"}, {"title", "item"}),
    **{name: (set(), set()) for name in ("vacancy", "ask_for", "unrestricted_heading", "unrestricted_note",
                                         "exempt_heading", "exempt_note", "no_exempt_note", "verbal", "blank_page",
                                         "restricted", "background_note")},
}


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
    email_domains: list[str] = []  # checked in authors' and officers' addresses
    phone_pattern: str = ""  # a regular expression phone numbers are checked against
    alternative_formats: AlternativeFormats | None = None  # needed only by the alternative-formats box


class RagColour(Strict):
    fill: str = Field(pattern=HEX_COLOUR.pattern)
    text: str = Field(pattern=HEX_COLOUR.pattern)


class Rag(Strict):
    """How KPIs are rated when their file names no rule, and how the rating words are shaded."""

    rule: Literal["floor", "tolerance"] = "floor"
    tolerance_pct: float = Field(default=10, ge=0, le=100)
    green: RagColour = RagColour(fill="#00703C", text="#FFFFFF")
    amber: RagColour = RagColour(fill="#E07000", text="#0B0C0C")
    red: RagColour = RagColour(fill="#D4351C", text="#FFFFFF")


class Numbering(Strict):
    """How a report numbers itself; the numbering transform reads this (defaults: Kent's scheme)."""

    headings: bool = True  # section headings carry numbers (1., 1.2)
    paragraphs: Literal["hierarchical", "flat", "none"] = "hierarchical"  # 1.1, 1.2 / 1, 2, 3 / none
    appendices: Literal["numbers", "letters"] = "numbers"  # Appendix 1, 2 / Appendix A, B
    captions: Literal["document", "appendix"] = "document"  # Table 1, 2 ... / Table 1 then A.1 in Appendix A
    sub_points: Literal["as written", "a)", "(a)", "a.", "i)", "(i)"] = "as written"  # lists under a numbered
    # paragraph: as the author wrote them, or lettered (or in roman numerals) in the house style


class ReferenceWords(Strict):
    """The words cross-references and captions print before a number."""

    heading: str = "section"
    paragraph: str = "paragraph"
    table: str = "Table"
    figure: str = "Figure"
    appendix: str = "Appendix"


FrontFieldName = Literal["from", "to", "subject", "decision_number", "key_decision", "classification",
                         "past_pathway", "future_pathway", "electoral_divisions", "call_in", "summary",
                         "recommendations"]
FRONT_LABELS: dict[str, str] = {
    "from": "From", "to": "To", "subject": "Subject", "decision_number": "Decision number",
    "key_decision": "Key decision", "classification": "Classification", "past_pathway": "Past pathway of report",
    "future_pathway": "Future pathway of report", "electoral_divisions": "Electoral divisions", "call_in": "Call-in",
    "summary": "Summary", "recommendations": "Recommendation(s)"}


class FrontField(Strict):
    field: FrontFieldName
    label: str = ""  # printed before the value (default: FRONT_LABELS)

    @property
    def printed_label(self) -> str:
        return self.label or FRONT_LABELS[self.field]


class FrontBlock(Strict):
    """How a committee report opens: Kent's table of fields, or a banner (committee and date, the title,
    then lines such as "Report of the Director of Adult Social Care") followed by the fields listed."""

    style: Literal["fields", "banner"] = "fields"
    fields: list[FrontField] = [FrontField(field=name) for name in FRONT_LABELS]  # type: ignore[arg-type]
    banner_lines: list[str] = ["Report of the {from}"]  # {from}: the roles of the people the report is from


ClosingKind = Literal["recommendations", "background", "appendices", "authors", "directors", "text"]
CLOSING_TITLES: dict[str, str] = {"recommendations": "Recommendations", "background": "Background documents",
                                  "appendices": "Appendices", "authors": "Report authors",
                                  "directors": "Relevant directors"}


class ClosingSection(Strict):
    """A section the toolkit writes at the end of a report; ``text`` takes its words from the front
    matter's ``closing:`` entry named by ``key`` (equality implications, circulation ...)."""

    section: ClosingKind
    title: str = ""
    key: str = ""

    @property
    def printed_title(self) -> str:
        return self.title or CLOSING_TITLES.get(self.section, self.key.replace("_", " ").capitalize())


class ContactLabels(Strict):
    phone: str = ""  # printed before a phone number ("Tel:"); none by default
    email: str = ""


class ReportLayout(Strict):
    """The committee report's structure in this house style."""

    front: FrontBlock = FrontBlock()
    required: list[FrontFieldName] = ["summary", "recommendations"]  # besides from, to and subject
    closing: list[ClosingSection] = [ClosingSection(section=kind) for kind in
                                     ("recommendations", "background", "appendices", "authors", "directors")]
    contacts: ContactLabels = ContactLabels()


class WordStyles(Strict):
    """The names, in a council's Word template, of the styles each part of a paper takes."""

    body: str = "Normal"
    heading1: str = "Heading 1"  # the document title
    heading2: str = "Heading 2"
    heading3: str = "Heading 3"
    heading4: str = "Heading 4"
    caption: str = "Caption"
    table: str = "Table Grid"
    list_bullet: str = "List Bullet"
    list_number: str = "List Number"


class WordTemplate(Strict):
    """The council's own Word template (.docx or .dotx in the theme folder): the DOCX starts from its
    styles, page set-up, headers, footers and logo; the PDF still follows this theme."""

    file: str
    styles: WordStyles = WordStyles()


class ThemeSpec(Strict):
    council: str
    language: str = "en-GB"
    fonts: Fonts
    sizes: Sizes
    colours: Colours
    page: Page
    wording: Wording = Wording()
    numbering: Numbering = Numbering()
    references: ReferenceWords = ReferenceWords()
    report: ReportLayout = ReportLayout()
    contact: Contact = Contact()
    rag: Rag = Rag()
    meeting: MeetingWording = MeetingWording()
    web: WebWording = WebWording()
    districts: list[str] = []  # the council's districts: rows of district tables are checked against it
    word: WordTemplate | None = None

    @property
    def header_left(self) -> str:
        """The running header's words: the theme's, or the council's name."""
        return self.wording.header_left or self.council


@dataclass(frozen=True)
class Theme:
    """A validated theme and the folders its files live in: its own first, then those it extends."""

    name: str
    folder: Path
    spec: ThemeSpec
    folders: tuple[Path, ...] = ()  # the chain of themes, this one first
    font_folder: Path | None = None  # the theme in the chain whose fonts: names the font files
    word_template: Path | None = None  # the council's Word template, found in the theme that names it

    def font_path(self, face: str) -> Path:
        return (self.font_folder or self.folder) / getattr(self.spec.fonts.files, face)

    def footer_pieces(self, wording: str = "") -> tuple[str, ...]:
        """The footer wording split around its live fields: 'Page {page} of {pages}' ->
        ('Page ', '{page}', ' of ', '{pages}'). Each writer turns '{page}' into its own field."""
        return split_fields(wording or self.spec.wording.footer, ("page", "pages"))

    def resource_roots(self) -> dict[str, Path]:
        """Every folder of the theme chain under a name of its own, for the PDF renderer's fetcher."""
        return {("theme" if index == 0 else f"theme-{index}"): folder
                for index, folder in enumerate(self.folders or (self.folder,))}

    @property
    def font_faces(self) -> dict[str, Path]:
        return {face: self.font_path(face) for face in ("regular", "bold", "italic", "bold_italic")}


def split_fields(wording: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """'(Pages {start} - {end})' -> ('(Pages ', '{start}', ' - ', '{end}', ')'), keeping only known fields."""
    import re

    pattern = "(" + "|".join(re.escape("{" + name + "}") for name in names) + ")"
    return tuple(piece for piece in re.split(pattern, wording) if piece)


MAX_CHAIN = 8


@dataclass(frozen=True)
class _Link:
    name: str
    folder: Path
    file: Path
    raw: dict[str, Any]


def load_theme(templates_dir: Path, name: str, cited_at: tuple[Path, int | None]) -> Theme:
    """The theme ``name``, merged over the themes it ``extends:``; each key is checked in the file that sets it."""
    chain = _chain(templates_dir, name, cited_at)
    merged: dict[str, Any] = {}
    for link in reversed(chain):
        merged = _merged(merged, link.raw)
    merged.pop("extends", None)
    try:
        spec = ThemeSpec.model_validate(merged)
    except ValidationError as exc:
        link = _origin(chain, tuple(exc.errors()[0]["loc"]))
        raise schema_error(exc, ThemeSpec, link.raw, link.file, "the theme") from None
    font_link = next((link for link in chain if isinstance(link.raw.get("fonts"), dict)
                      and "files" in link.raw["fonts"]), chain[-1])
    theme = Theme(name, chain[0].folder, spec, tuple(link.folder for link in chain), font_link.folder,
                  _word_template(chain, spec))
    for face, path in theme.font_faces.items():
        if not path.resolve().is_relative_to(font_link.folder.resolve()):
            raise ContentError(font_link.file, line_of(font_link.raw, "fonts", "files", face),
                               f"font file for '{face}' is outside the theme folder",
                               "bundle the font under the theme's fonts/ folder")
        if not path.is_file():
            raise ContentError(font_link.file, line_of(font_link.raw, "fonts", "files", face),
                               f"font file for '{face}' not found: {path.name}",
                               "bundle the font under the theme's fonts/ folder, or extend a theme that has it")
        confine.checked_file(path, confine.MAX_BINARY_BYTES, (font_link.file, None))
    return theme


def _word_template(chain: list[_Link], spec: ThemeSpec) -> Path | None:
    if spec.word is None:
        return None
    link = next(link for link in chain if isinstance(link.raw.get("word"), dict))
    path = link.folder / spec.word.file
    where = (link.file, line_of(link.raw, "word", "file"))
    if path.suffix.lower() not in (".docx", ".dotx"):
        raise ContentError(*where, f"'{spec.word.file}' is not a Word template", "give a .docx or .dotx file")
    if not path.resolve().is_relative_to(link.folder.resolve()) or not path.is_file():
        raise ContentError(*where, f"Word template '{spec.word.file}' not found in the theme folder",
                           "put the template in the theme's folder and give its file name")
    confine.checked_file(path, confine.MAX_BINARY_BYTES, where)
    return path


def _chain(templates_dir: Path, name: str, cited_at: tuple[Path, int | None]) -> list[_Link]:
    chain: list[_Link] = []
    where: tuple[Path, int | None] = cited_at
    confine.allow(templates_dir / BASE_TEMPLATES)
    while True:
        folder = confine.named_folder(templates_dir, name, "theme", where)
        theme_file = folder / "theme.yaml"
        if not theme_file.is_file() or name.startswith("_"):
            known = sorted(p.name for p in templates_dir.iterdir()
                           if (p / "theme.yaml").is_file() and not p.name.startswith("_"))
            raise ContentError(where[0], where[1], f"no theme called '{name}'", f"themes available: {', '.join(known)}")
        confine.allow(folder)
        raw = load_yaml(theme_file)
        if not isinstance(raw, dict):
            raise ContentError(theme_file, 1, "a theme is a set of 'key: value' lines", "see the README's theme keys")
        if any(link.name == name for link in chain) or len(chain) >= MAX_CHAIN:
            raise ContentError(where[0], where[1], f"theme '{name}' extends itself through "
                               f"{' -> '.join(link.name for link in chain)}",
                               "end the chain at a theme with no extends:")
        parent = raw.get("extends")
        chain.append(_Link(name, folder, theme_file, raw))
        if parent is None:
            return chain
        if not isinstance(parent, str):
            raise ContentError(theme_file, line_of(raw, "extends"), "'extends:' names one theme",
                               "write extends: kent")
        name, where = parent, (theme_file, line_of(raw, "extends"))


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` laid over ``base``: mappings merge key by key, anything else is replaced."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _origin(chain: list[_Link], loc: tuple[Any, ...]) -> _Link:
    """The theme in the chain that sets the key at ``loc`` (this theme, where none does)."""
    for link in chain:
        node: Any = link.raw
        for part in loc:
            if ((isinstance(node, dict) and part in node)
                    or (isinstance(node, list) and isinstance(part, int) and part < len(node))):
                node = node[part]
            else:
                break
        else:
            return link
        if loc and isinstance(link.raw, dict) and loc[0] in link.raw:
            return link
    return chain[0]
