"""Validate a loaded YAML document against a pydantic model, locating every problem by line and field."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.yaml_lines import line_of

Model = TypeVar("Model", bound=BaseModel)


def field_name(location: tuple[Any, ...]) -> str:
    """'partnerships.short_name' for the location ('partnerships', 3, 'short_name')."""
    parts = [str(step) for step in location if not isinstance(step, int)]
    return ".".join(parts) if parts else "(document)"


def _without_tags(document: Any, location: tuple[Any, ...]) -> tuple[Any, ...]:
    """``location`` without the tags pydantic inserts for a discriminated union.

    ('rules', 0, 'minimum_voting_members', 'count') names the member chosen by the value of the item's
    discriminator field; the document has no such key, so the tag would hide the line and clutter the field.
    """
    kept = []
    current = document
    for step in location:
        if isinstance(current, dict) and isinstance(step, str) and step not in current and step in current.values():
            continue
        kept.append(step)
        try:
            current = current[step]
        except (KeyError, IndexError, TypeError):
            current = None
    return tuple(kept)


def validate_document(model: type[Model], document: Any, file_name: str) -> Model:
    """``document`` as a ``model``, or ``ImportRefused`` listing every problem with its line and field."""
    try:
        return model.model_validate(document)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            location = _without_tags(document, tuple(s for s in item["loc"] if not str(s).startswith("function-")))
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "enum":
                message = f"{message} (found {item['input']!r})"
            problems.append(Problem(file_name, line_of(document, location), field_name(location), message))
        raise ImportRefused(problems) from error
