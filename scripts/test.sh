#!/usr/bin/env bash
# Set everything up and run the whole test suite: lint and the layer contracts, then every test on SQLite
# and on PostgreSQL across all cores, including the browser tests in headless Chromium, then the
# population spec tests again on Spark (ICSHUB_ANALYTICS=spark).
#
# PostgreSQL: ICSHUB_TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/test.
# Set ICSHUB_TEST_POSTGRES=off to run on SQLite only (for a machine without PostgreSQL).
# Extra arguments go to pytest and skip the Spark pass, e.g. `bash scripts/test.sh -m "not slow"`.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
stage_started=$SECONDS
stages=()
stage_done() {
  stages+=("$(printf '%-34s %4d s' "$1" $((SECONDS - stage_started)))")
  stage_started=$SECONDS
}
report() {
  echo
  echo "stage                               time"
  printf '%s\n' "${stages[@]}"
  printf '%-34s %4d s\n' "total" $((SECONDS - started))
}
trap report EXIT

install_debian_package() {
  # $1: what it is for, $2…: Debian packages
  local purpose="$1"
  shift
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's $* for $purpose…" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "$purpose needs Debian's $*: install it (as root: apt-get install $*)." >&2
    exit 1
  fi
}

bash scripts/setup-env.sh "test,spark"

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  install_debian_package "the browser tests" chromium
fi
# Spark, which the population spec tests also run on, needs a Java runtime.
if ! command -v java >/dev/null; then
  install_debian_package "the Spark spec tests" openjdk-17-jre-headless
fi
stage_done "setup"

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
.venv/bin/lint-imports
stage_done "ruff and import contracts"

.venv/bin/python -m pytest -n auto --dist worksteal "$@"
stage_done "tests (SQLite and PostgreSQL)"

if [ "$#" -eq 0 ]; then
  ICSHUB_ANALYTICS=spark .venv/bin/python -m pytest -m spec -q
  stage_done "spec tests on Spark"
fi
