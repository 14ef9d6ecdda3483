"""The agenda front sheet: the meeting, its membership, and the numbered items with their page ranges.

The public agenda names an exempt item only by its Schedule 12A paragraph; the restricted one
gives its title and pages too.
"""

from __future__ import annotations

from ..model import (
    Block,
    Field,
    FieldList,
    Heading,
    Inline,
    LineBreak,
    Link,
    PageRange,
    Paragraph,
    Strong,
    Text,
)
from ..read.meeting import Item, Meeting, Party
from ..theme import MeetingWording
from .common import long_date, weekday_date


def item_anchor(item: Item) -> str:
    return f"item-{item.number}"


def item_end_anchor(item: Item) -> str:
    return f"item-{item.number}-end"


def agenda_blocks(meeting: Meeting, titles: dict[int, str], wording: MeetingWording,
                  restricted: bool) -> list[Block]:
    """The front sheet; ``titles`` gives each item's title (its own, or its first paper's)."""
    spec = meeting.spec
    contact = spec.contact
    blocks: list[Block] = [
        Heading(1, (Text(spec.committee),), anchor="agenda"),
        Paragraph((Strong((Text(f"{weekday_date(meeting.date)} at {spec.time}"),)), LineBreak(), Text(spec.venue))),
        FieldList((
            Field(wording.ask_for, (Paragraph((Text(contact.name),)),)),
            Field("Telephone", (Paragraph((Text(contact.phone),)),)),
            Field("Email", (Paragraph((Link(f"mailto:{contact.email}", (Text(contact.email),)),)),)),
        )),
        Heading(2, (Text(wording.membership.format(count=sum(_seats(p) for p in spec.membership))),),
                anchor="membership"),
        *(_party(party, wording) for party in spec.membership),
        Heading(2, (Text(wording.unrestricted_heading),), anchor="unrestricted"),
        Paragraph((Text(wording.unrestricted_note),)),
        *(_item_line(item, titles[item.number], wording) for item in meeting.items if not item.exempt),
        Heading(2, (Text(wording.exempt_heading),), anchor="exempt"),
    ]
    exempt = [item for item in meeting.items if item.exempt]
    if not exempt:
        blocks.append(Paragraph((Text(wording.no_exempt_note),)))
    else:
        blocks.append(Paragraph((Text(wording.exempt_note),)))
        for item in exempt:
            note = wording.exempt_item.format(paragraph=item.exempt_paragraph)
            if restricted:
                line = _item_line(item, titles[item.number], wording)
                blocks.append(Paragraph((*line.content, LineBreak(), Text(note)), line.number))
            else:
                blocks.append(Paragraph((Text(note),), str(item.number)))
    signatory = spec.signed_by
    role = signatory.role + (f", {signatory.phone}" if signatory.phone else "")
    blocks += [
        Paragraph((Strong((Text(signatory.name),)), LineBreak(), Text(role))),
        Paragraph((Text(weekday_date(spec.published)),)),
        Paragraph((Text(wording.background_note),)),
    ]
    return blocks


def agenda_title(meeting: Meeting) -> str:
    return f"{meeting.spec.committee}, {long_date(meeting.date)}: agenda"


def _seats(party: Party) -> int:
    return len(party.members) + party.vacancies


def _party(party: Party, wording: MeetingWording) -> Paragraph:
    names = party.members
    listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    if party.vacancies:
        vacancies = wording.vacancy if party.vacancies == 1 else wording.vacancies.format(count=party.vacancies)
        listed = f"{listed} ({vacancies})" if listed else f"({vacancies})"
    return Paragraph((Strong((Text(f"{party.party} ({_seats(party)}):"),)), Text(f" {listed}")))


def _item_line(item: Item, title: str, wording: MeetingWording) -> Paragraph:
    content: list[Inline] = [Text(title)]
    if item.papers:
        content += [Text(" "), PageRange(item_anchor(item), item_end_anchor(item))]
    elif item.verbal:
        content.append(Text(f" {wording.verbal}"))
    return Paragraph(tuple(content), str(item.number))
