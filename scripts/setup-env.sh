#!/usr/bin/env bash
# Create (or refresh) the project's virtual environment in .venv and install icshub into it.
# Usage: scripts/setup-env.sh [extra]   e.g. "test" to add the test tools. Sourced or run; needs Python 3.11+.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

extra="${1:-}"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "icshub needs Python 3.11 or newer as '$python' (set PYTHON to another interpreter)." >&2
  exit 1
fi

# Debian ships venv and pip separately from Python itself.
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's python3-venv…" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  else
    echo "Python's venv module is missing: install python3-venv (as root: apt-get install python3-venv)." >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "$extra" ]; then
  .venv/bin/python -m pip install --quiet --editable ".[$extra]"
else
  .venv/bin/python -m pip install --quiet --editable .
fi
