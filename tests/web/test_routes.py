"""The registry of routers (``web/routes.py``): every route asks the policy for exactly one permission,
declared one way (a ``permit`` dependency); the order routers are listed in does not matter; and a
literal path always matches before a parameter that would also take it."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from icshub.auth.policy import Permission
from icshub.web import routes
from icshub.web.deps import db_session

ROUTES = routes.application_routes()


def _permit_checks(dependant: Dependant) -> Iterator[object]:
    """The ``permit`` checks anywhere in the route's dependencies."""
    for dependency in dependant.dependencies:
        if hasattr(dependency.call, "__permission__"):
            yield dependency.call
        yield from _permit_checks(dependency)


def _permissions(route: APIRoute) -> list[Permission]:
    """What the route asks the policy. FastAPI runs one dependency once per request however often it is
    named (to order it before the CSRF check, and to hand the principal to the handler), so each counts once."""
    checks = {id(check): check for check in _permit_checks(route.dependant)}
    return [check.__permission__ for check in checks.values()]


def _name(route: APIRoute) -> str:
    return f"{','.join(sorted(route.methods))} {route.path}"


def test_every_router_module_is_registered() -> None:
    assert len(ROUTES) > 100
    assert len(routes.ROUTERS) == len(set(map(id, routes.ROUTERS)))


@pytest.mark.parametrize("route", ROUTES, ids=_name)
def test_every_route_asks_the_policy_for_exactly_one_permission(route: APIRoute) -> None:
    asked = _permissions(route)
    assert len(asked) == 1, f"{_name(route)} asks for {[p.value for p in asked] or 'no permission'}"


def _units_of_work(dependant: Dependant) -> Iterator[Dependant]:
    for dependency in dependant.dependencies:
        if dependency.call is db_session:
            yield dependency
        yield from _units_of_work(dependency)


@pytest.mark.parametrize("route", ROUTES, ids=_name)
def test_every_route_commits_before_it_answers(route: APIRoute) -> None:
    """Each use of the database session is ``DbSession``, whose commit runs before the response starts."""
    scopes = {dependency.scope for dependency in _units_of_work(route.dependant)}
    assert scopes <= {"function"}, f"{_name(route)} takes db_session without DbSession's scope"


def test_no_two_routes_take_the_same_path_and_method() -> None:
    seen: dict[tuple[str, str], str] = {}
    for route in ROUTES:
        for method in route.methods:
            key = (method, route.path)
            assert key not in seen, f"{method} {route.path} is declared twice ({seen[key]}, {route.name})"
            seen[key] = route.name


def test_the_order_routers_are_listed_in_does_not_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [_name(route) for route in ROUTES]
    shuffled = list(routes.ROUTERS)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        monkeypatch.setattr(routes, "ROUTERS", tuple(shuffled))
        assert [_name(route) for route in routes.application_routes()] == expected


def test_a_literal_path_matches_before_any_parameter_that_would_take_it() -> None:
    checked = 0
    for index, literal in enumerate(ROUTES):
        if "{" in literal.path:
            continue
        for earlier in ROUTES[:index]:
            shared = literal.methods & earlier.methods
            if shared and earlier.path_regex.match(literal.path):
                pytest.fail(f"{_name(earlier)} would take {literal.path} before its own route")
        later = [r for r in ROUTES[index + 1 :] if r.methods & literal.methods and r.path_regex.match(literal.path)]
        checked += bool(later)
    # Paths like /meetings/schedule beside /meetings/{meeting_id} exist, so the check is not empty.
    assert checked > 0
