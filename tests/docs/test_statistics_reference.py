"""docs/statistics.md against the real ``icshub.stats``: every public name is documented, every signature the
page writes out names real parameters with their real defaults and leaves out no required one, and every
public function has a docstring (the formulas and references the page points to)."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from icshub import stats

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "statistics.md").read_text(encoding="utf-8")
# `dsr(data, count, …)` or `stats.fit_logistic(design, …)`, possibly across a line break.
SIGNATURE = re.compile(r"`(?:stats\.)?(\w+)\(([^`]*)\)`")


def _documented_signatures() -> list[tuple[str, str]]:
    return [(name, arguments) for name, arguments in SIGNATURE.findall(PAGE) if name in stats.__all__]


def _arguments(text: str) -> list[str]:
    """The comma-separated arguments of a written signature, commas inside brackets kept."""
    parts, depth, current = [], 0, ""
    for character in " ".join(text.split()):
        if character == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += character in "([{"
        depth -= character in ")]}"
        current += character
    return [part for part in [*parts, current.strip()] if part]


def _documented_default(text: str) -> object:
    """The default as the page writes it; ``"a"|"b"`` (the choices) documents the first as the default."""
    first = text.split("|")[0].strip()
    if first in stats.__all__:
        return getattr(stats, first)
    return ast.literal_eval(first.replace("_", ""))


SIGNATURES = _documented_signatures()


def test_the_page_writes_out_the_signatures() -> None:
    assert len(SIGNATURES) >= 20


@pytest.mark.parametrize("name", stats.__all__)
def test_every_public_name_is_documented(name: str) -> None:
    assert re.search(rf"`(stats\.)?{name}\b", PAGE), f"docs/statistics.md does not mention `{name}`"


@pytest.mark.parametrize("name", [name for name in stats.__all__ if inspect.isfunction(getattr(stats, name))])
def test_every_public_function_has_a_docstring(name: str) -> None:
    assert (inspect.getdoc(getattr(stats, name)) or "").strip(), f"stats.{name} has no docstring"


@pytest.mark.parametrize(("name", "arguments"), SIGNATURES, ids=[name for name, _ in SIGNATURES])
def test_each_written_signature_matches_the_function(name: str, arguments: str) -> None:
    parameters = inspect.signature(getattr(stats, name)).parameters
    written = _arguments(arguments)
    elided = any(argument in {"…", "..."} for argument in written)
    # `dsr(…, independent_events=False)` shows a call, not the defaults: only its names are checked.
    a_call = bool(written) and written[0] in {"…", "..."}
    documented = set()
    for argument in written:
        if argument in {"…", "..."}:
            continue
        parameter, _, default = argument.partition("=")
        parameter = parameter.strip()
        assert parameter in parameters, f"docs/statistics.md gives {name} a parameter {parameter!r} it does not have"
        documented.add(parameter)
        if not default or a_call or " or " in default:
            continue  # a default the page describes in words ("1 or 100") rather than writes out
        real = parameters[parameter].default
        assert real is not inspect.Parameter.empty, f"docs/statistics.md gives {name}'s {parameter} a default"
        assert _documented_default(default) == real or _documented_default(default) is real, (
            f"docs/statistics.md gives {name}'s {parameter} the default {default}; the function has {real!r}"
        )
    if not elided:
        required = {
            parameter.name
            for parameter in parameters.values()
            if parameter.default is inspect.Parameter.empty
            and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        }
        assert required <= documented, f"docs/statistics.md leaves out {name}'s {sorted(required - documented)}"
