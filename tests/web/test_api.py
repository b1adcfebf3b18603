"""The REST API of the registry, as a script or a dashboard would use it."""

from __future__ import annotations

from decimal import Decimal

DGS = "dartford-gravesham-and-swanley"


def test_the_four_places(client) -> None:
    response = client.get("/api/v1/partnerships", params={"type": "place"})
    assert response.status_code == 200
    places = response.json()
    assert {p["key"] for p in places} == {DGS, "west-kent", "medway-and-swale", "east-kent"}
    assert all(p["parent"] == "kent-and-medway-ics" and p["tier"] == "place" for p in places)


def test_an_unknown_type_is_refused_with_the_allowed_values(client) -> None:
    response = client.get("/api/v1/partnerships", params={"type": "parish"})
    assert response.status_code == 422
    assert "place" in response.text and "pcn" in response.text


def test_dgs_lists_its_seven_pcns_with_the_practices_of_seed_000(client) -> None:
    detail = client.get(f"/api/v1/partnerships/{DGS}").json()
    pcns = [c for c in detail["children"] if c["type"] == "pcn"]
    assert len(pcns) == 7
    profile = client.get(f"/api/v1/places/{DGS}/profile").json()
    by_name = {p["name"]: {o["ods_code"] for o in p["practices"]} for p in profile["pcns"]}
    assert by_name["Dartford Central PCN"] >= {"G82048", "G82185", "G82647"}  # Horsmans Place, Redwood, Temple Hill
    assert by_name["LMN PCN"] >= {"G82097", "G82073"}  # Jubilee, Meopham
    assert by_name["Garden City PCN"] >= {"G82809", "G82212", "G82122"}  # Downs Way, Pilgrims Way, Swanscombe
    assert sum(len(v) for v in by_name.values()) + len(profile["practices_in_no_pcn"]) == 21


def test_place_profile_adds_up(client) -> None:
    profile = client.get(f"/api/v1/places/{DGS}/profile").json()
    population = Decimal(profile["population"])
    assert population == 272377  # Census 2021 usual residents of the place (see data/lookups/SOURCE.txt)
    assert sum(Decimal(v) for v in profile["population_by_age"].values()) == population
    assert sum(Decimal(v) for v in profile["deprivation_quintiles"].values()) == population
    assert sum(Decimal(d["population"]) for d in profile["districts"]) == population
    assert {d["name"] for d in profile["districts"]} == {"Dartford", "Gravesham", "Sevenoaks"}


def test_the_whole_system_adds_up(client) -> None:
    total = sum(
        Decimal(client.get(f"/api/v1/places/{p}/profile").json()["population"])
        for p in (DGS, "west-kent", "medway-and-swale", "east-kent")
    )
    assert total == 1855899
    system = client.get("/api/v1/system").json()
    assert system["counts"]["partnerships.pcn"] == 43 and system["counts"]["organisations.gp_practice"] == 176
    assert system["counts"]["districts"] == 13 and system["counts"]["lsoas_2021"] == 1107
    practices = next(d for d in system["datasets"] if d["role"] == "practices.current")
    assert practices["as_of"] == "2025-09-01" and len(practices["sha256"]) == 64
    assert {s["key"] for s in system["sources"]} == {f"seed-00{i}" for i in range(5)}


def test_place_boundaries_are_geojson_of_its_lsoas(client) -> None:
    response = client.get(f"/api/v1/places/{DGS}/boundaries.geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert len(features) == 163
    assert all(1 <= f["properties"]["imd_decile"] <= 10 for f in features)


def test_organisation_committee_area_and_search(client) -> None:
    practice = client.get("/api/v1/organisations/g82048").json()
    assert practice["ods_code"] == "G82048" and practice["location"]["postcode"]
    assert [p["ods_code"] for p in practice["member_of"]] == ["U10200"]
    icp = client.get("/api/v1/committees/icp-joint-committee").json()
    assert sum(s["count"] for s in icp["seats"] if s["category"] == "voting") == 17
    area = client.get("/api/v1/areas/E07000111").json()
    assert area["name"] == "Sevenoaks" and any(p["area"]["code"] == "E10000016" for p in area["parents"])
    hits = client.get("/api/v1/search", params={"q": "horsman"}).json()
    assert hits[0]["url"] == "/organisations/g82048"


def test_missing_records_are_404_with_a_message(client) -> None:
    response = client.get("/api/v1/partnerships/atlantis")
    assert response.status_code == 404 and "atlantis" in response.json()["detail"]


def test_openapi_describes_the_api(client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/partnerships" in spec["paths"] and "/api/v1/places/{key}/profile" in spec["paths"]
