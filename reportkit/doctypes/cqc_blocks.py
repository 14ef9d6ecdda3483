"""The fenced blocks a CQC self-assessment adds to a publication's: ```key-statistics and ```survey.

    ```survey
    data: carers-survey          # records: measure,label,polarity,area,year,value
    caption: "Carers' survey: looking after themselves"
    measures: [look_after_self, neglecting_self]
    ```
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..compute.datasets import Records
from ..compute.notes import data_notes
from ..compute.periods import Period, PeriodError, parse_period
from ..compute.survey import SurveyMeasure, survey_rows
from ..errors import ContentError, did_you_mean
from ..model import (
    Block,
    Callout,
    Cell,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    Text,
)
from ..read.markdown import MarkdownReader, inline_markdown
from ..read.schema import Strict, validate
from ..read.yamlfile import line_of, parse_yaml
from .common import PackContext
from .publication_blocks import publication_blocks

SURVEY_COLUMNS = ("measure", "label", "polarity", "area", "year", "value")


class KeyStatisticsSpec(Strict):
    title: str
    activity: list[str] = []
    working_well: list[str] = []
    improving: list[str] = []


class SurveySpec(Strict):
    data: str
    caption: str
    measures: list[str] | None = None
    area: str | None = None  # the council's own area (default: the first area in the file)


def cqc_blocks(reader: MarkdownReader, ctx: PackContext) -> dict[str, Callable[[str, int], list[Block]]]:
    """The publication blocks, and the self-assessment's own, bound to ``reader``."""
    return {
        **publication_blocks(reader, ctx),
        "key-statistics": lambda text, line: [_key_statistics(text, line, reader)],
        "survey": lambda text, line: [_survey(text, line, reader.path, ctx)],
    }


def _key_statistics(text: str, first_line: int, reader: MarkdownReader) -> Callout:
    raw = parse_yaml(text, reader.path, first_line)
    spec = validate(KeyStatisticsSpec, raw, reader.path, "the key statistics")
    blocks: list[Block] = []
    for key, heading in (("activity", "Activity"), ("working_well", "Working well"), ("improving", "Improving")):
        items = getattr(spec, key)
        if not items:
            continue
        blocks.append(Paragraph((Strong((Text(heading),)),)))
        lines = [line_of(raw, key, i) or first_line for i in range(len(items))]
        blocks.append(ListBlock(False, tuple((Paragraph(inline_markdown(item, reader, line)),)
                                             for item, line in zip(items, lines))))
    if not blocks:
        raise ContentError(reader.path, first_line, "the key statistics list nothing",
                           "add items under activity:, working_well: or improving:")
    return Callout(spec.title, tuple(blocks))


def _survey(text: str, first_line: int, path: Path, ctx: PackContext) -> Table:
    raw = parse_yaml(text, path, first_line)
    spec = validate(SurveySpec, raw, path, "the survey table")
    dataset = ctx.datasets.get(spec.data)
    if not isinstance(dataset, Records) or tuple(dataset.columns) != SURVEY_COLUMNS:
        hint = (f"its columns must be {','.join(SURVEY_COLUMNS)}" if dataset is not None
                else did_you_mean(spec.data, list(ctx.datasets)))
        raise ContentError(path, line_of(raw, "data"), f"'{spec.data}' is not a survey data file", hint)
    measures, order = _survey_measures(dataset)
    chosen = spec.measures or order
    for index, measure_id in enumerate(chosen):
        if measure_id not in measures:
            raise ContentError(path, line_of(raw, "measures", index) or line_of(raw, "measures"),
                               f"no measure called '{measure_id}' in '{spec.data}'", did_you_mean(measure_id, order))
    areas = list(dict.fromkeys(row["area"] for row in dataset.rows))
    area = spec.area or areas[0]
    if area not in areas:
        raise ContentError(path, line_of(raw, "area"), f"no area called '{area}' in '{spec.data}'",
                           did_you_mean(area, areas))
    comparators = [a for a in areas if a != area]
    years = _aligned_years([measures[m] for m in chosen], area, comparators, dataset)
    rows = survey_rows([measures[m] for m in chosen], area, years, comparators)
    latest = years[-1].label
    titles = ["Measure", *(f"{area} {y.label}" for y in years), "Direction of travel",
              *(f"{c} {latest}" for c in comparators)]
    if comparators:
        titles.append(f"Compared with {comparators[-1]}")
    header = (tuple(Cell((Text(t),), header=True, numeric=0 < i <= len(years)) for i, t in enumerate(titles)),)
    body = tuple((Cell((Text(r.label),), header=True), *(Cell((Text(v),), numeric=True) for v in r.own),
                  Cell((Text(r.direction),)), *(Cell((Text(v),), numeric=True) for v in r.comparators),
                  *((Cell((Text(r.comparison),)),) if comparators else ())) for r in rows)
    explained = (f"Direction of travel compares {area} in {latest} with {years[-2].label}" if len(years) > 1
                 else f"{area} has one year of results")
    explained += f"; the comparison is with {comparators[-1]} in {latest}." if comparators else "."
    notes = (explained, *data_notes(dataset.meta, [], ctx.theme.spec.wording.illustrative_note))
    return Table(spec.caption, header, body, notes)


def _survey_measures(records: Records) -> tuple[dict[str, SurveyMeasure], list[str]]:
    found: dict[str, dict[str, object]] = {}
    for row, line in zip(records.rows, records.row_lines):
        if row["polarity"] not in ("higher", "lower"):
            raise ContentError(records.path, line, f"polarity '{row['polarity']}' is not higher or lower",
                               "say whether a higher value is better: higher or lower")
        try:
            year = parse_period(row["year"])
            value = float(row["value"].replace(",", "").removesuffix("%"))
        except PeriodError as exc:
            raise ContentError(records.path, line, str(exc), "write survey years like 2023/24") from None
        except ValueError:
            raise ContentError(records.path, line, f"'{row['value']}' is not a number",
                               "write the percentage as a number, such as 34") from None
        entry = found.setdefault(row["measure"], {"label": row["label"], "polarity": row["polarity"], "values": {},
                                                  "lines": {}})
        key = (row["area"], year)
        if key in entry["values"]:  # type: ignore[operator]
            raise ContentError(records.path, line, f"a second value for {row['measure']}, {row['area']}, {row['year']}",
                               "keep one row per measure, area and year")
        entry["values"][key] = value  # type: ignore[index]
        entry["lines"][key] = line  # type: ignore[index]
    measures = {m: SurveyMeasure(m, str(e["label"]), str(e["polarity"]), e["values"])  # type: ignore[arg-type]
                for m, e in found.items()}
    return measures, list(found)


def _aligned_years(measures: list[SurveyMeasure], area: str, comparators: list[str], records: Records) -> list[Period]:
    """The council's years, the same for every measure, with each comparator present in the latest."""
    def years_of(measure: SurveyMeasure) -> list[Period]:
        return sorted(year for (where, year) in measure.values if where == area)

    expected = years_of(measures[0])
    if not expected:
        raise ContentError(records.path, None, f"'{measures[0].id}' has no values for {area}",
                           f"add rows for {area}")
    for measure in measures[1:]:
        found = years_of(measure)
        if found != expected:
            missing = sorted({y.label for y in expected} ^ {y.label for y in found})
            raise ContentError(records.path, _first_line(records, measure.id),
                               f"the years of '{measure.id}' for {area} ({', '.join(y.label for y in found)}) do not "
                               f"line up with '{measures[0].id}' ({', '.join(y.label for y in expected)})",
                               f"give every measure in the table the same years; differing: {', '.join(missing)}")
    for measure in measures:
        for other in comparators:
            if (other, expected[-1]) not in measure.values:
                raise ContentError(records.path, _first_line(records, measure.id),
                                   f"'{measure.id}' has no {other} value for {expected[-1].label}",
                                   f"comparators are read in the latest year, {expected[-1].label}")
    return expected


def _first_line(records: Records, measure_id: str) -> int | None:
    return next((line for row, line in zip(records.rows, records.row_lines) if row["measure"] == measure_id), None)
