"""Where icshub keeps its data, read from the environment.

Two settings are all a deployment needs: ``ICSHUB_HOME`` (the data directory, default ``./var``) and
``ICSHUB_DATABASE_URL`` (default: a SQLite file inside the data directory). A third,
``ICSHUB_ANALYTICS``, chooses the engine person-level data is queried on: ``duckdb`` (default) or ``spark``
(see ``icshub.population.engines``). ``ICSHUB_SECURE_COOKIES`` (on by default) marks the session cookie
Secure, so that it is sent only over HTTPS; the demo, served over plain HTTP on this machine, turns it off.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from icshub.errors import IcshubError


@dataclass(frozen=True)
class Settings:
    """The resolved locations of one icshub installation."""

    home: Path
    database_url: str
    analytics: str = "duckdb"
    # Session cookies marked Secure, sent only over HTTPS (ICSHUB_SECURE_COOKIES; the demo turns it off).
    secure_cookies: bool = True

    @property
    def secret_key_path(self) -> Path:
        return self.home / "secret_key"

    def secret_key(self) -> str:
        """The key that signs session cookies, created on first use and kept in the data directory."""
        path = self.secret_key_path
        if not path.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()

    @property
    def population_dir(self) -> Path:
        """The analytics store of person-level data (Parquet): never the operational database."""
        return self.home / "population"

    def pseudonym_key(self) -> bytes:
        """The key of the people's pseudonyms, created on first use; guard it like the data itself."""
        path = self.home / "pseudonym_key"
        if not path.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return bytes.fromhex(path.read_text().strip())


def sqlite_url(home: Path) -> str:
    return f"sqlite:///{(home / 'icshub.sqlite3').resolve()}"


SWITCH = {"on": True, "off": False, "true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def secure_cookies_setting(default: bool = True) -> bool:
    """``ICSHUB_SECURE_COOKIES`` (on or off), or ``default`` when it is not set."""
    value = os.environ.get("ICSHUB_SECURE_COOKIES", "").strip().lower()
    if not value:
        return default
    if value not in SWITCH:
        raise IcshubError(f"ICSHUB_SECURE_COOKIES is '{value}': set it to on or off.")
    return SWITCH[value]


def load_settings(
    home: str | Path | None = None, database_url: str | None = None, analytics: str | None = None
) -> Settings:
    """Settings from explicit arguments, else the environment, else the defaults."""
    resolved_home = Path(home or os.environ.get("ICSHUB_HOME") or "var").resolve()
    url = database_url or os.environ.get("ICSHUB_DATABASE_URL") or sqlite_url(resolved_home)
    engine = (analytics or os.environ.get("ICSHUB_ANALYTICS") or "duckdb").strip().lower()
    return Settings(home=resolved_home, database_url=url, analytics=engine, secure_cookies=secure_cookies_setting())
