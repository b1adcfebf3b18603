"""Every kind of bad input is refused with the file, line and field, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from icshub.auth.models import AuditEvent
from icshub.db.engine import engine_for, make_session_factory
from icshub.installation import import_definition
from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.yaml_lines import read_yaml
from icshub.registry.load import load_bundle
from icshub.registry.models import Organisation, Partnership
from tests.conftest import TEST_ACTOR


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of ``old`` in ``path``; return the 1-based line where it stood."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text.count("\n", 0, index) + 1


def refused(path: Path) -> list[Problem]:
    with pytest.raises(ImportRefused) as caught:
        load_bundle(path)
    return caught.value.problems


def test_the_default_definition_is_accepted(definition_copy: Path) -> None:
    bundle = load_bundle(definition_copy)
    assert len(bundle.primary_care.practices) == 176


def test_unknown_parent_is_refused_at_its_line(definition_copy: Path) -> None:
    system = definition_copy / "system.yaml"
    line = replace_once(system, "    parent: kent-and-medway-ics\n", "    parent: no-such-partnership\n")
    problems = refused(definition_copy)
    assert Problem("system.yaml", line, "parent", "no partnership has the key 'no-such-partnership'") in problems


def test_duplicate_key_is_refused(definition_copy: Path) -> None:
    system = definition_copy / "system.yaml"
    line = replace_once(system, "  - key: nhs-kent-and-medway-ccg\n", "  - key: kent-and-medway-icb\n")
    problems = refused(definition_copy)
    assert any(
        p.file == "system.yaml" and p.line == line and p.field == "key" and "more than once" in p.message
        for p in problems
    ), problems


def test_a_cycle_of_parents_is_refused(definition_copy: Path) -> None:
    system = definition_copy / "system.yaml"
    text = system.read_text()
    # Make the ICS a child of one of its own places.
    ics = text.index("  - key: kent-and-medway-ics\n")
    parent = text.index("    parent: null\n", ics)
    system.write_text(text[:parent] + "    parent: east-kent\n" + text[parent + len("    parent: null\n") :])
    problems = refused(definition_copy)
    cycle = [p for p in problems if "form a cycle" in p.message]
    assert cycle and cycle[0].field == "parent" and cycle[0].line is not None
    assert "kent-and-medway-ics" in cycle[0].message and "east-kent" in cycle[0].message


def test_a_badly_formed_ods_code_is_refused(definition_copy: Path) -> None:
    line = replace_once(definition_copy / "system.yaml", "ods_code: QKS", "ods_code: QK")
    problems = refused(definition_copy)
    assert len(problems) == 1
    assert problems[0].file == "system.yaml" and problems[0].field == "organisations.ods_code"
    assert problems[0].line == line
    assert "'QK' is not an ODS code for an integrated care board" in problems[0].message


def test_a_badly_formed_gss_code_is_refused(definition_copy: Path) -> None:
    line = replace_once(definition_copy / "system.yaml", "gss_code: E10000016", "gss_code: K10")
    problems = refused(definition_copy)
    assert problems[0].line == line and problems[0].field == "organisations.gss_code"
    assert "'K10' is not an ONS GSS code" in problems[0].message


def test_an_unknown_type_names_the_value(definition_copy: Path) -> None:
    line = replace_once(definition_copy / "system.yaml", "type: county_council", "type: shire_council")
    problems = refused(definition_copy)
    assert problems[0].line == line
    assert problems[0].field.endswith("type") and "shire_council" in problems[0].message


def test_a_misspelt_field_is_refused_not_ignored(definition_copy: Path) -> None:
    line = replace_once(definition_copy / "system.yaml", '    short_name: "DGS HCP"', '    shortname: "DGS HCP"')
    problems = refused(definition_copy)
    assert problems[0].line == line and problems[0].field.endswith("shortname")


def test_a_key_given_twice_in_one_mapping_is_refused(definition_copy: Path) -> None:
    system = definition_copy / "system.yaml"
    text = system.read_text()
    text = text.replace("  - key: kent-and-medway-ics\n", "  - key: kent-and-medway-ics\n    parent: east-kent\n", 1)
    system.write_text(text)
    problems = refused(definition_copy)
    assert problems[0].field == "parent" and "appears twice" in problems[0].message


def test_yaml_syntax_errors_give_the_line(definition_copy: Path) -> None:
    line = replace_once(definition_copy / "system.yaml", "schema: icshub.system/1\n", "schema: [icshub.system/1\n")
    problems = refused(definition_copy)
    assert problems[0].file == "system.yaml" and problems[0].line is not None and problems[0].line >= line
    assert "not valid YAML" in problems[0].message


def test_another_schema_is_refused(definition_copy: Path) -> None:
    replace_once(definition_copy / "system.yaml", "schema: icshub.system/1", "schema: icshub.system/9")
    problems = refused(definition_copy)
    assert problems[0].field == "schema" and "icshub.system/1" in problems[0].message


def test_a_csv_missing_a_column_is_refused(definition_copy: Path) -> None:
    replace_once(definition_copy / "data/gp/epcn_pcn_details_kent_medway_91Q.csv", "PCN Name", "Network Name")
    problems = refused(definition_copy)
    assert (
        Problem(
            "data/gp/epcn_pcn_details_kent_medway_91Q.csv", 1, "PCN Name", "this column is missing from the header row"
        )
        in problems
    )


def test_a_bad_code_in_a_csv_row_names_row_and_column(definition_copy: Path) -> None:
    path = definition_copy / "data/lookups/ons_lsoa21_ward24_lad24_kent_medway.csv"
    line = replace_once(path, "E01016068", "X01016068")
    problems = refused(definition_copy)
    assert any(
        p.file == "data/lookups/ons_lsoa21_ward24_lad24_kent_medway.csv"
        and p.line == line
        and p.field == "lsoa21_code"
        and "X01016068" in p.message
        for p in problems
    ), problems[:5]


def test_a_duplicate_practice_is_refused(definition_copy: Path) -> None:
    path = definition_copy / "data/gp/epraccur_kent_medway_QKS.csv"
    lines = path.read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("G82048,"))
    path.write_text("".join([*lines, lines[first]]))
    problems = refused(definition_copy)
    assert any(
        p.field == "Organisation Code" and p.line == len(lines) + 1 and f"first on line {first + 1}" in p.message
        for p in problems
    ), problems


def test_a_pcn_membership_to_an_unknown_practice_is_refused(definition_copy: Path) -> None:
    path = definition_copy / "data/gp/epcn_core_partner_details_kent_medway_91Q.csv"
    line = replace_once(path, "G82006,DR CJ SHIMMINS", "G89999,DR CJ SHIMMINS")
    problems = refused(definition_copy)
    assert (
        Problem(
            path.relative_to(definition_copy).as_posix(),
            line,
            "Partner Organisation Code",
            "G89999 is not in the practice list",
        )
        in problems
    )


def test_a_place_claiming_another_places_ccg_is_refused(definition_copy: Path) -> None:
    line = replace_once(definition_copy / "system.yaml", 'ccg19: ["99J"]', 'ccg19: ["09J"]')
    problems = refused(definition_copy)
    assert any(p.field == "ccg19" and p.line == line and "already in the place" in p.message for p in problems)


def test_a_missing_boundary_file_is_refused(definition_copy: Path) -> None:
    (definition_copy / "data/boundaries/km_lsoa21_simplified.geojson").unlink()
    problems = refused(definition_copy)
    assert any(p.field == "boundaries.lsoa21" for p in problems)


@pytest.mark.slow
def test_a_refused_import_leaves_the_database_unchanged(settings, definition_copy: Path) -> None:
    import_definition(settings, definition_copy, TEST_ACTOR)
    factory = make_session_factory(engine_for(settings.database_url))

    def state():
        with factory() as session:
            return (
                session.scalar(select(func.count()).select_from(Organisation)),
                session.scalar(select(func.count()).select_from(Partnership)),
                session.scalar(select(func.count()).select_from(AuditEvent)),
                session.scalar(select(Organisation.name).where(Organisation.key == "kent-county-council")),
            )

    before = state()
    # A valid change and an invalid one in the same import: neither may land.
    replace_once(definition_copy / "system.yaml", 'name: "Kent County Council"', 'name: "Renamed Council"')
    replace_once(definition_copy / "data/gp/epcn_pcn_details_kent_medway_91Q.csv", "U04973", "X04973")
    with pytest.raises(ImportRefused):
        import_definition(settings, definition_copy, TEST_ACTOR)
    assert state() == before


def test_a_value_too_long_for_the_registry_is_refused_at_its_line(definition_copy: Path) -> None:
    line = replace_once(definition_copy / "system.yaml", 'short_name: "DGS HCP"', f'short_name: "{"x" * 81}"')
    problems = refused(definition_copy)
    assert problems[0].line == line and problems[0].field == "partnerships.short_name"
    assert "at most 80 characters" in problems[0].message


def test_an_impossible_date_in_yaml_is_refused_with_its_line_and_field(tmp_path) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text("meetings:\n  - name: Board\n    on: 2030-02-30\n")
    with pytest.raises(ImportRefused) as caught:
        read_yaml(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "meetings.on") and "is not a date" in problem.message
