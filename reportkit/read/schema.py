"""Validate parsed YAML against a pydantic model, turning its errors into author messages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from ..errors import ContentError, did_you_mean
from .yamlfile import line_of

M = TypeVar("M", bound=BaseModel)


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]  # text that must say something


class Strict(BaseModel):
    """Base for every content schema: unknown fields (usually typos) are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)


def validate(model: type[M], data: Any, path: Path, what: str = "") -> M:
    """Build ``model`` from ``data``; the first problem becomes a ContentError at its line."""
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise schema_error(exc, model, data, path, what) from None


def schema_error(exc: ValidationError, model: type[BaseModel], data: Any,
                 path: Path, what: str) -> ContentError:
    """The first problem pydantic found, as an author's error at its file and line."""
    errors = exc.errors()
    # A typo shows up twice: an unknown field and a missing one. Name the typo, with its correction.
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(error["loc"])
    field = ".".join(str(part) for part in loc)
    line = line_of(data, *loc) or getattr(data, "line", None)
    kind = error["type"]
    where = f" in {what}" if what else ""
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = sorted(f.alias or name for name, f in parent.model_fields.items()) if parent else []
        hint = did_you_mean(str(loc[-1]), known)
        if known and not hint.startswith("known names"):
            hint += f" The fields here are: {', '.join(known)}"
        return ContentError(path, line, f"unknown field '{loc[-1]}'{where}", hint)
    if kind == "string_too_short":
        return ContentError(path, line, f"'{field}' is empty{where}",
                            f"write the {loc[-1]}, or leave the field out if it is not required")
    if kind == "missing":
        return ContentError(path, line, f"required field '{field}' is missing{where}",
                            f"add a line '{loc[-1]}: ...'")
    if kind in ("model_type", "dict_type") and not loc:
        return ContentError(path, line, f"expected a set of 'name: value' fields{where}",
                            "start each field on its own line as 'name: value'")
    return ContentError(path, line, f"field '{field}'{where}: {error['msg']}", _hint_for(error))


def _hint_for(error: ErrorDetails) -> str:
    ctx = error.get("ctx") or {}
    if "expected" in ctx:
        return f"use one of {ctx['expected']}"
    if error["type"].startswith("date"):
        return "write dates as YYYY-MM-DD"
    if error["type"] in ("list_type", "tuple_type"):
        return "give a list, one item per line starting with '- '"
    return "see the author guide in README.md for this field"


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow field names (skipping list indices) to the nested model that owns the last one."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
