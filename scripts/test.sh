#!/usr/bin/env bash
# Set everything up and run the whole test suite: lint, then every test on SQLite and on PostgreSQL,
# including the browser tests in headless Chromium (Debian's chromium is installed when missing).
#
# PostgreSQL: ICSHUB_TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test.
# Set ICSHUB_TEST_POSTGRES=off to run on SQLite only (for a machine without PostgreSQL).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-env.sh test

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $CHROMIUM: install Debian's chromium or set CHROMIUM." >&2
    exit 1
  fi
fi

if [ "${ICSHUB_TEST_POSTGRES:-on}" != "off" ]; then
  export ICSHUB_TEST_POSTGRES_URL="${ICSHUB_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
  if ! .venv/bin/python -c 'import os, sqlalchemy as sa; sa.create_engine(os.environ["ICSHUB_TEST_POSTGRES_URL"]).connect().close()' 2>/dev/null; then
    echo "Cannot reach PostgreSQL at $ICSHUB_TEST_POSTGRES_URL." >&2
    echo "Start it, set ICSHUB_TEST_POSTGRES_URL, or set ICSHUB_TEST_POSTGRES=off to test on SQLite only." >&2
    exit 1
  fi
  echo "Testing on SQLite and on PostgreSQL ($ICSHUB_TEST_POSTGRES_URL)." >&2
else
  unset ICSHUB_TEST_POSTGRES_URL
  echo "Testing on SQLite only (ICSHUB_TEST_POSTGRES=off)." >&2
fi

.venv/bin/ruff format --check src tests bench
.venv/bin/ruff check src tests bench
exec .venv/bin/python -m pytest "$@"
