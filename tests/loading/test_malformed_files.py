"""Files that cannot be read whole, tried against the readers every CSV and Parquet import goes through and
against two importers end to end: each is refused with the file, the line where it can be told and the
reason, never a traceback, and nothing is written. (A first part of the malformed-input suite of issue 12.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from icshub.loading.frames import read_parquet_table, read_text_table
from icshub.loading.problems import ImportRefused
from icshub.loading.tables import read_rows
from icshub.population.services import datasets as service
from icshub.population.store import list_datasets
from tests.conftest import copy_of
from tests.population.test_store import tidy_folder

HEADER = "person_id,birth_year,birth_month,sex,ethnic_category,lsoa\n"
GOOD = "p1,1950,3,female,A,E01024000\n"

# (case, the bytes of the file, the line the refusal names or None, words the refusal says)
CASES = [
    ("empty", b"", None, "the file is empty"),
    ("blank", b"\n\n  \n", None, "the file is empty"),
    ("not UTF-8", (HEADER + GOOD).encode() + "p2,1960,4,f\xe9male,A,\n".encode("latin-1"), 3, "is not UTF-8"),
    ("a quote left open", (HEADER + GOOD + 'p2,1960,4,"female,A,\n' + GOOD * 3).encode(), None, "CSV"),
    ("a bare CR in a field", (HEADER + "p2,1960,4,fe\rmale,A,E01024000\n").encode(), 2, "fields where the header"),
    ("a field over 128 KiB", (HEADER + 'p2,1960,4,"' + "x" * 140_000 + '",A,\n').encode(), 2, "longer than"),
    ("cut short", (HEADER + GOOD + "p2,1960,4").encode(), 3, "has 3 fields where the header has 6"),
    ("a stray separator", (HEADER + "p2,1960,4,female,A,E01,024000\n").encode(), 2, "has 7 fields"),
    ("a column twice", ("person_id,sex,sex\n" + "p1,female,male\n").encode(), 1, "names a column twice"),
]


def _written(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(("case", "content", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_the_table_reader_refuses_what_it_cannot_read_whole(tmp_path, case, content, line, words) -> None:
    path = _written(tmp_path, "person.csv", content)
    for read in (read_text_table, lambda p: read_rows(p, ())):
        with pytest.raises(ImportRefused) as refused:
            read(path)
        [problem] = refused.value.problems
        assert problem.file == "person.csv" and words in problem.message, problem
        if line is not None:
            assert problem.line == line, problem


def test_a_row_ending_in_a_separator_is_read_as_its_fields(tmp_path) -> None:
    path = _written(tmp_path, "values.csv", b"a,b\n1,2,\n")
    assert read_text_table(path).to_dict("records") == [{"a": "1", "b": "2"}]


@pytest.fixture
def settings(databases, tmp_path: Path) -> Iterator:
    with copy_of(databases["sqlite"], "initialised", tmp_path / "home") as copy:
        yield copy.settings


@pytest.mark.parametrize(("case", "content", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_tidy_load_refuses_the_file_and_writes_nothing(settings, tmp_path, case, content, line, words) -> None:
    folder = tidy_folder(tmp_path / "tidy")
    (folder / "person.csv").write_bytes(content)
    with pytest.raises(ImportRefused) as refused:
        service.load_tidy(settings, folder, "broken")
    assert refused.value.problems[0].file == "person.csv" and words in refused.value.problems[0].message
    assert list_datasets(settings.population_dir) == []
    assert not any(settings.population_dir.glob(".broken-*"))


def test_a_parquet_file_cut_short_is_refused(settings, tmp_path) -> None:
    folder = tidy_folder(tmp_path / "tidy")
    service.load_tidy(settings, folder, "whole")
    whole = (settings.population_dir / "whole" / "person.parquet").read_bytes()
    (folder / "person.csv").unlink()
    (folder / "person.parquet").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ImportRefused, match=r"person\.parquet: is not a whole Parquet file"):
        service.load_tidy(settings, folder, "broken")
    with pytest.raises(ImportRefused, match="is not a whole Parquet file"):
        read_parquet_table(folder / "person.parquet")
    assert [d["name"] for d in list_datasets(settings.population_dir)] == ["whole"]
