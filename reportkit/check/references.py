"""References and names: 'paragraph 9.7', 'Section 13' or 'Appendix 2' that the paper does not have, one
person's name spelt two ways in a pack, and a work programme whose items for this meeting are not the
agenda's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..model import Block, Callout, Document, Heading, ListBlock, Paragraph
from ..read.meeting import Meeting
from ..read.yamlfile import LineDict, LineList, line_of
from .findings import Finding
from .passages import Source, front_matter_people

PARAGRAPH_REF = re.compile(r"\bparagraphs? (\d+(?:\.\d+)+)(?![\d.]*\d)(?:\s+(?:to|and)\s+(\d+(?:\.\d+)+))?(?![\d.]*\d)"
                           r"(?!\s+of\b)",
                           re.IGNORECASE)
SECTION_REF = re.compile(r"\b(?:see\s+)?[Ss]ection (\d+)(?=\s+(?:sets out|describes|explains|shows|covers|gives|"
                         r"lists|below|above)\b|\))")
APPENDIX_REF = re.compile(r"\bAppendix (\d+|[A-Z])\b(?!\s+(?:of|to)\b)")
TITLES = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Cllr|Sir|Dame)\.?\s+", re.IGNORECASE)
ROLE = re.compile(r"\s*\([^)]*\)\s*$")


def _numbers(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)) and block.number:
            yield block.number.rstrip(".")
        elif isinstance(block, Callout):
            yield from _numbers(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _numbers(item)


def check_references(sources: list[Source], documents: list[Document]) -> list[Finding]:
    by_slug = {doc.slug: doc for doc in documents}
    owner: dict[Path, str] = {}
    appendix_count: dict[Path, int] = {}
    for source in sources:
        if source.path.stem in by_slug:
            owner[source.path] = source.path.stem
            appendices = source.meta.get("appendices")
            if isinstance(appendices, list):
                appendix_count[source.path] = len(appendices)
                for entry in appendices:
                    if isinstance(entry, dict) and isinstance(entry.get("file"), str):
                        owner[(source.path.parent / entry["file"]).resolve()] = source.path.stem
                        appendix_count[(source.path.parent / entry["file"]).resolve()] = len(appendices)
    findings: list[Finding] = []
    for source in sources:
        slug = owner.get(source.path) or owner.get(source.path.resolve())
        if slug is None:
            continue
        doc = by_slug[slug]
        numbers = {n for part in doc.parts for n in _numbers(part.blocks)}
        appendices = appendix_count.get(source.path, appendix_count.get(source.path.resolve()))
        for passage in source.passages:
            text = passage.typed()
            for match in PARAGRAPH_REF.finditer(text):
                for number in (n for n in match.groups() if n):
                    if number not in numbers:
                        findings.append(Finding("refs/paragraph", passage.path, passage.line, None,
                                                f"'paragraph {number}': {slug} has no paragraph {number}"))
            for match in SECTION_REF.finditer(text):
                if match.group(1) not in numbers:
                    findings.append(Finding("refs/paragraph", passage.path, passage.line, None,
                                            f"'Section {match.group(1)}': {slug} has no section {match.group(1)}"))
            if appendices is None:
                continue
            for match in APPENDIX_REF.finditer(text):
                ident = match.group(1)
                index = int(ident) if ident.isdigit() else ord(ident) - ord("A") + 1
                if not 1 <= index <= appendices:
                    have = {0: "no appendices", 1: "one appendix"}.get(appendices, f"appendices 1 to {appendices}")
                    findings.append(Finding("refs/appendix", passage.path, passage.line, None,
                                            f"'Appendix {ident}': {slug} has {have}"))
    return findings


# ---- names -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    written: str
    path: Path
    line: int
    initial: str
    forename: str  # "" where only an initial is given
    surname: str


def _name(written: str, path: Path, line: int) -> Name | None:
    bare = TITLES.sub("", ROLE.sub("", written.strip())).strip()
    parts = bare.split()
    if len(parts) < 2:
        return None
    forename = parts[0] if len(parts[0].rstrip(".")) > 1 else ""
    return Name(written.strip(), path, line, parts[0][0].upper(), forename, parts[-1])


def _people_in(value: Any, path: Path, line: int, key: str = "") -> Iterator[tuple[str, int]]:
    """Names in pack.yaml's meeting (membership, contact, signatory) and in minutes' attendance lists."""
    if isinstance(value, LineDict):
        for name, item in value.items():
            yield from _people_in(item, path, line_of(value, name) or line, name)
    elif isinstance(value, LineList):
        for position, item in enumerate(value):
            yield from _people_in(item, path, value.item_lines[position], key)
    elif isinstance(value, str) and key in ("name", "members", "present", "also_present", "apologies"):
        yield value, line


def check_names(sources: list[Source], pack_file: Path, pack_raw: Any) -> list[Finding]:
    names: list[Name] = []
    for written, line in _people_in(pack_raw, pack_file, 1):
        if (name := _name(written, pack_file, line)) is not None:
            names.append(name)
    for source in sources:
        meta = source.meta
        for written, line in front_matter_people(meta):
            if (name := _name(written, source.path, line)) is not None:
                names.append(name)
        for key in ("present", "also_present", "apologies"):
            for written, line in _people_in(meta.get(key), source.path, line_of(meta, key) or 1, key):
                if (name := _name(written, source.path, line)) is not None:
                    names.append(name)
    findings: list[Finding] = []
    reported: set[tuple[str, str]] = set()
    for index, later in enumerate(names):
        for earlier in names[:index]:
            if _two_spellings(earlier, later) and (earlier.written, later.written) not in reported:
                reported.add((earlier.written, later.written))
                findings.append(Finding("refs/name-spelling", later.path, later.line, None,
                                        f"'{later.written}' here, '{earlier.written}' in {earlier.path.name}:"
                                        f"{earlier.line}"))
                break
    return findings


def _close(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a != b and SequenceMatcher(None, a, b).ratio() >= 0.8 and abs(len(a) - len(b)) <= 2


def _two_spellings(a: Name, b: Name) -> bool:
    if a.initial != b.initial:
        return False
    if _close(a.surname, b.surname) and (not a.forename or not b.forename or a.forename.lower() == b.forename.lower()):
        return True
    return a.surname == b.surname and bool(a.forename and b.forename) and _close(a.forename, b.forename)


# ---- work programme ----------------------------------------------------------------------------


def check_work_programme(sources: list[Source], meeting: Meeting | None, item_titles: dict[int, str],
                         pack_day: date) -> list[Finding]:
    """The work programme's entries for this meeting, in order, against the agenda's items."""
    if meeting is None:
        return []
    findings: list[Finding] = []
    for source in sources:
        if source.meta.get("type") != "work-programme":
            continue
        meetings = source.meta.get("meetings")
        if not isinstance(meetings, LineList):
            continue
        for entry in meetings:
            if not isinstance(entry, LineDict) or entry.get("date") != pack_day:
                continue
            items = entry.get("items")
            if not isinstance(items, LineList):
                continue
            findings += _against_agenda(source.path, items, item_titles)
    return findings


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, _plain(a), _plain(b)).ratio()


def _plain(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", title.lower()).split())


def _against_agenda(path: Path, items: LineList, item_titles: dict[int, str]) -> list[Finding]:
    findings = []
    numbers = sorted(item_titles)
    if len(items) != len(numbers):
        findings.append(Finding("refs/work-programme", path, items.line, None,
                                f"the work programme lists {len(items)} items for this meeting; the agenda has "
                                f"{len(numbers)}"))
    for position, item in enumerate(items):
        if not isinstance(item, LineDict) or not isinstance(item.get("title"), str):
            continue
        number = numbers[position] if position < len(numbers) else None
        best = max(numbers, key=lambda n: _similar(item["title"], item_titles[n]))
        if _similar(item["title"], item_titles[best]) < 0.6 or best == number:
            continue
        findings.append(Finding("refs/work-programme", path, items.item_lines[position], None,
                                f"'{item['title']}' is item {position + 1} here but item {best} on the agenda"))
    return findings


def item_titles(meeting: Meeting | None, documents: list[Document]) -> dict[int, str]:
    """Each agenda item's title: its own, or its first paper's."""
    if meeting is None:
        return {}
    by_path = {doc.slug: doc for doc in documents}
    titles = {}
    for item in meeting.items:
        title = item.title
        if not title and item.papers:
            doc = by_path.get(item.papers[0].path.stem)
            title = doc.meta.title if doc else item.papers[0].path.stem
        titles[item.number] = title
    return titles

