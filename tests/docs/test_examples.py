"""Every Python example in docs/ runs, as written, on data of the shape the page describes: each page's
examples in order, in one namespace (a later example may use what an earlier one made), and the last
expression of each must give a result. A page with an example this file does not know fails, so a new
example cannot go untested."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from icshub import stats
from icshub.config import Settings
from icshub.defaults import DEMO_NAME
from icshub.population.services.synthetic_population import synthesise

DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _examples(page: str) -> list[str]:
    return EXAMPLE.findall((DOCS / page).read_text(encoding="utf-8"))


def _run(examples: list[str]) -> list[object]:
    """Run each example; the value of each one's last expression (None where it ends in a statement)."""
    namespace: dict[str, object] = {"__name__": "docs_example"}
    results = []
    for example in examples:
        tree = ast.parse(example)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = tree.body[:-1] if last else tree.body
        exec(compile(ast.Module(body, type_ignores=[]), "<docs example>", "exec"), namespace)
        results.append(eval(compile(ast.Expression(last.value), "<docs example>", "eval"), namespace) if last else None)
    return results


def test_every_page_with_examples_is_tested() -> None:
    pages = {path.name for path in DOCS.glob("*.md") if _examples(path.name)}
    assert pages == {"statistics.md", "population-methods.md"}


def _deaths_by_district_and_age() -> pd.DataFrame:
    rows = [
        (district, band, (i % 7) + extra, 5_000 + 250 * i)
        for district, extra in (("Dartford", 1), ("Swale", 3))
        for i, band in enumerate(stats.ESP2013)
    ]
    return pd.DataFrame(rows, columns=["district", "band", "deaths", "population"])


def _admissions() -> pd.DataFrame:
    """People by the number of admissions each had: every band with frequencies 1 and 2."""
    rows = [
        (district, band, each, people, 4_000)
        for district in ("Dartford", "Swale")
        for band in stats.ESP2013
        for each, people in ((1, 12), (2, 3))
    ]
    return pd.DataFrame(rows, columns=["district", "band", "admissions_each", "patients", "population"])


def test_the_statistics_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _deaths_by_district_and_age().to_csv(tmp_path / "deaths_by_district_and_age.csv", index=False)
    _admissions().to_csv(tmp_path / "admissions.csv", index=False)
    monkeypatch.chdir(tmp_path)

    standardised, non_independent = _run(_examples("statistics.md"))

    assert list(standardised["district"]) == ["Dartford", "Swale"]
    assert {"value", "lower_95", "upper_95", "lower_99_8", "upper_99_8"} <= set(standardised.columns)
    assert standardised["value"].notna().all()
    assert (non_independent["patients"] == 19 * (12 + 2 * 3)).all()  # the count column holds the events
    assert non_independent["method"].str.contains("non-independent").all()


@pytest.mark.spec
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_population_methods_example_runs_on_the_analytics_engine(
    registry_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    synthesise(registry_copy, DEMO_NAME, 400, seed=7)
    monkeypatch.setenv("ICSHUB_HOME", str(registry_copy.home))
    monkeypatch.setenv("ICSHUB_DATABASE_URL", registry_copy.database_url)

    (segments,) = _run(_examples("population-methods.md"))

    assert segments["n"].sum() == 400
    assert segments["segment"].notna().all()
