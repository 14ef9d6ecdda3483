"""Prose that agrees with its data: every rule about typed figures, claims, periods, references, data
plausibility and link hosts, run over a pack that has been read, less what the pack's allowances accept.

A pack's ``check.yaml`` lists what an author has confirmed is right as typed::

    allow:
      - {rule: figures/typed, file: larc-key-decision.md, text: "£1.2m", why: the tender's own estimate}

An allowance removes the findings of that rule in that file whose message quotes ``text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import Field

from .. import confine
from ..compute.datasets import KpiSet, MeasureTable
from ..compute.periods import Period
from ..errors import ContentError
from ..model import Document
from ..pack import Pack
from ..read.schema import Strict, validate
from ..read.yamlfile import LineDict, LineList, line_of, load_yaml
from .claims import check_claims
from .comparisons import check_comparisons
from .dates import check_dates, working_day_findings
from .derived import check_derived
from .facts import Series, facts
from .findings import RULES, Finding
from .hosts import check_link_hosts
from .keyed import check_keyed_twice
from .passages import Source, read_sources
from .plausibility import check_plausibility
from .rankings import check_rankings
from .references import check_names, check_references, check_work_programme, item_titles
from .typed_figures import check_typed_figures

ALLOWANCES = "check.yaml"


class Allowance(Strict):
    rule: str
    file: str
    text: str
    why: str = ""


class AllowanceFile(Strict):
    allow: list[Allowance] = Field(default_factory=list)


def check_agreement(pack: Pack, documents: list[Document]) -> list[Finding]:
    sources = read_sources(pack.folder)
    known = facts(pack.context.datasets, pack.context.dashboards)
    by_data: dict[str, dict[str, Series]] = {}
    for name, fact in known.items():
        data_name, _, rest = name.partition(".")
        measure = rest.split(".")[0]
        if fact.series.key == f"{data_name}.{measure}":
            by_data.setdefault(data_name, {})[measure] = fact.series
    periods: dict[str, tuple[Period, ...]] = {}
    for name, dataset in pack.context.datasets.items():
        if isinstance(dataset, MeasureTable):
            periods[name] = dataset.periods
        elif isinstance(dataset, KpiSet):
            periods[name] = tuple(sorted({p for kpi in dataset.kpis.values() for s in kpi.values.values() for p in s}))
    pack_file = pack.folder / "pack.yaml"
    raw = load_yaml(pack_file)
    theme = pack.context.theme.spec
    findings = check_typed_figures(sources, known)
    findings += check_derived(sources, known, pack.context.values)
    findings += check_claims(sources, known, by_data)
    findings += check_comparisons(sources, pack.context.datasets)
    findings += check_rankings(sources, pack.context.datasets)
    reporting = {name: d.period for name, d in pack.context.datasets.items() if isinstance(d, KpiSet)}
    findings += check_dates(sources, known, periods, pack.spec.date, reporting)
    findings += check_references(sources, documents)
    findings += check_names(sources, pack_file, raw.get("meeting") if isinstance(raw, LineDict) else None)
    findings += check_work_programme(sources, pack.meeting, item_titles(pack.meeting, documents), pack.spec.date)
    findings += _working_days(pack, sources, raw, theme.meeting.working_days)
    findings += check_plausibility(pack.context.datasets)
    findings += check_keyed_twice(pack.context.datasets)
    domains = tuple(theme.contact.email_domains)
    for path in [pack_file, *sorted(p for p in pack.folder.rglob("*.md") if p.is_file())]:
        findings += check_link_hosts(path, confine.read_text(path), domains)
    return _allowed(findings, pack.folder)


def _working_days(pack: Pack, sources: list[Source], raw: object, days: Sequence[str]) -> list[Finding]:
    pack_file = pack.folder / "pack.yaml"
    found = []
    if pack.meeting is not None:
        found += working_day_findings(pack_file, line_of(raw, "date"), "the meeting is on", pack.spec.date, days)
    for source in sources:
        meetings = source.meta.get("meetings")
        if source.meta.get("type") != "work-programme" or not isinstance(meetings, LineList):
            continue
        for index, entry in enumerate(meetings):
            when = entry.get("date") if isinstance(entry, dict) else None
            if isinstance(when, date):
                found += working_day_findings(source.path, meetings.item_lines[index], "a meeting is planned for",
                                              when, days)
    return found


def _allowed(findings: list[Finding], folder: Path) -> list[Finding]:
    """The findings less those the pack's check.yaml accepts; a broken check.yaml is itself a finding."""
    path = folder / ALLOWANCES
    if not path.is_file():
        return findings
    try:
        raw = load_yaml(path)
        spec = validate(AllowanceFile, raw, path, "check.yaml")
    except ContentError as error:
        return [*findings, Finding("content", path, error.line, None,
                                   f"{error.message} ({error.hint})" if error.hint else error.message)]
    problems = [Finding("content", path, line_of(raw, "allow", index), None,
                        f"'{entry.rule}' is not a rule (name one from the README's rule tables)")
                for index, entry in enumerate(spec.allow) if entry.rule not in RULES]
    return problems + [f for f in findings if not any(
        f.rule == a.rule and f.path.resolve() == (folder / a.file).resolve() and f"'{a.text}'" in f.message
        for a in spec.allow)]
