from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from icshub.web.app import create_app


@pytest.fixture
def client(demo) -> TestClient:
    settings, _ = demo
    with TestClient(create_app(settings)) as client:
        yield client


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)
