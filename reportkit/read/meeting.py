"""The meeting a pack is for (pack.yaml ``meeting:``): who, when, where, and the numbered items with their papers.

Everything an author can get wrong about the agenda is caught here, each with its pack.yaml line:
duplicate or unordered item numbers, an exempt item without its Schedule 12A paragraph, a paper
that does not exist, a paper listed both in public and in an exempt item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import Field, field_validator

from .. import confine
from ..errors import ContentError, did_you_mean
from .schema import Strict, validate
from .yamlfile import line_of


class Contact(Strict):
    name: str
    phone: str
    email: str


class Signatory(Strict):
    name: str
    role: str
    phone: str = ""


class Party(Strict):
    party: str
    members: list[str] = []
    vacancies: int = Field(0, ge=0)


class OtherPackPaper(Strict):
    """A paper that lives in another pack, bound in without copying it."""

    pack: str
    document: str = ""


class ItemSpec(Strict):
    number: int = Field(ge=1)
    title: str = ""
    standard: str = ""
    papers: list[str | OtherPackPaper] = []
    verbal: bool = False
    exempt: bool = False
    paragraph: int | None = Field(None, ge=1, le=7)


class MeetingSpec(Strict):
    committee: str
    time: str
    venue: str
    contact: Contact
    membership: list[Party] = Field(min_length=1)
    items: list[ItemSpec] = Field(min_length=1)
    published: date
    signed_by: Signatory

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        if not re.fullmatch(r"(1[0-2]|[1-9])\.[0-5]\d (am|pm)", value):
            raise ValueError("write the time as it is printed, for example '2.00 pm'")
        return value


@dataclass(frozen=True)
class PaperSource:
    """Where one paper's Markdown file is: its pack folder and the file, and the line that names it."""

    pack: str  # the pack the paper belongs to (the meeting's own, or another)
    path: Path
    line: int


@dataclass(frozen=True)
class Item:
    number: int
    title: str  # empty: taken from the first paper's title
    standard: str
    papers: tuple[PaperSource, ...]
    verbal: bool
    exempt_paragraph: int | None  # None for a public item
    line: int

    @property
    def exempt(self) -> bool:
        return self.exempt_paragraph is not None


@dataclass(frozen=True)
class Meeting:
    spec: MeetingSpec
    date: date
    items: tuple[Item, ...]


def read_meeting(raw: object, pack_file: Path, content: Path, meeting_date: date,
                 standard_titles: dict[str, str]) -> Meeting:
    """Validate ``meeting:`` from pack.yaml (``raw`` is that mapping) against the content folder."""
    spec = validate(MeetingSpec, raw, pack_file, "the meeting")
    if spec.published > meeting_date:
        raise ContentError(pack_file, line_of(raw, "published"), "the agenda is published after the meeting",
                           "give the day the agenda is published, before the meeting's date")
    items: list[Item] = []
    seen_numbers: dict[int, int] = {}
    seen_papers: dict[Path, Item] = {}
    for index, entry in enumerate(spec.items):
        line = line_of(raw, "items", index) or 1
        if entry.number in seen_numbers:
            raise ContentError(pack_file, line, f"item number {entry.number} is used twice "
                               f"(first on line {seen_numbers[entry.number]})", "give every item its own number")
        if items and entry.number < items[-1].number:
            raise ContentError(pack_file, line, f"item {entry.number} is listed after item {items[-1].number}",
                               "list the items in the order of their numbers")
        seen_numbers[entry.number] = line
        item = _item(entry, raw, index, pack_file, content, standard_titles)
        for paper in item.papers:
            earlier = seen_papers.get(paper.path.resolve())
            if earlier is not None:
                kinds = {earlier.exempt, item.exempt}
                what = "both in public and as exempt" if len(kinds) == 2 else "twice"
                raise ContentError(pack_file, paper.line, f"paper '{paper.path.name}' is listed {what} "
                                   f"(items {earlier.number} and {item.number})",
                                   "an exempt paper goes only under its exempt item; list each paper once")
            seen_papers[paper.path.resolve()] = item
        items.append(item)
    return Meeting(spec, meeting_date, tuple(items))


def _item(entry: ItemSpec, raw: object, index: int, pack_file: Path, content: Path,
          standard_titles: dict[str, str]) -> Item:
    line = line_of(raw, "items", index) or 1
    if entry.exempt and entry.paragraph is None:
        raise ContentError(pack_file, line, f"item {entry.number} is exempt but gives no Schedule 12A paragraph",
                           "add 'paragraph: N' with the paragraph (1 to 7) of Part 1 of Schedule 12A that applies")
    if entry.paragraph is not None and not entry.exempt:
        raise ContentError(pack_file, line_of(raw, "items", index, "paragraph"),
                           f"item {entry.number} gives a Schedule 12A paragraph but is not marked exempt",
                           "add 'exempt: true', or remove the paragraph")
    if entry.standard and entry.standard not in standard_titles:
        raise ContentError(pack_file, line_of(raw, "items", index, "standard"),
                           f"'{entry.standard}' is not a standard item", did_you_mean(entry.standard, standard_titles))
    if entry.verbal and entry.papers:
        raise ContentError(pack_file, line, f"item {entry.number} is a verbal update but lists papers",
                           "remove 'verbal: true' or the papers")
    if not (entry.title or entry.standard or entry.papers):
        raise ContentError(pack_file, line, f"item {entry.number} has no title",
                           "give a 'title:', a 'standard:' item, or its 'papers:'")
    papers = tuple(_paper(paper, line_of(raw, "items", index, "papers", n) or line, pack_file, content)
                   for n, paper in enumerate(entry.papers))
    title = entry.title or standard_titles.get(entry.standard, "")
    return Item(entry.number, title, entry.standard, papers, entry.verbal, entry.paragraph if entry.exempt else None,
                line)


def _paper(paper: str | OtherPackPaper, line: int, pack_file: Path, content: Path) -> PaperSource:
    own = pack_file.parent
    if isinstance(paper, str):
        return PaperSource(own.name, _existing(own, paper, line, pack_file), line)
    folder = confine.named_folder(content, paper.pack, "pack", (pack_file, line))
    if paper.pack == own.name or not (folder / "pack.yaml").is_file():
        known = sorted(p.name for p in content.iterdir() if (p / "pack.yaml").is_file() and p != own)
        raise ContentError(pack_file, line, f"no other pack called '{paper.pack}'", did_you_mean(paper.pack, known))
    confine.allow(folder)
    if paper.document:
        return PaperSource(paper.pack, _existing(folder, paper.document, line, pack_file), line)
    documents = _pack_documents(folder)
    if len(documents) != 1:
        raise ContentError(pack_file, line, f"pack '{paper.pack}' has {len(documents)} documents",
                           f"name the one to include with 'document:' ({', '.join(documents)})")
    return PaperSource(paper.pack, _existing(folder, documents[0], line, pack_file), line)


def _existing(folder: Path, name: str, line: int, pack_file: Path) -> Path:
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise ContentError(pack_file, line, f"paper '{name}' is outside its pack", "list files in the pack folder")
    too_long = len(path.name.encode()) > confine.MAX_FILE_NAME  # exists() would fail; checked_file says why
    if not too_long and not path.exists():
        known = sorted(p.name for p in folder.glob("*.md"))
        raise ContentError(pack_file, line, f"paper '{name}' not found in {folder.name}/", did_you_mean(name, known))
    confine.checked_file(folder / name, cited_at=(pack_file, line))  # a folder, a pipe, a name too long
    return folder / name


def _pack_documents(folder: Path) -> list[str]:
    from .yamlfile import load_yaml

    raw = load_yaml(folder / "pack.yaml")
    documents = raw.get("documents") if isinstance(raw, dict) else None
    return [str(d) for d in documents] if isinstance(documents, list) else []
