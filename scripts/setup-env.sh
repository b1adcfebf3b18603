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

# WeasyPrint, which draws agenda packs as PDF, needs Pango and HarfBuzz's subsetter from the system.
pdf_libraries="libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0"
pdf_packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
# ldconfig lives in /sbin, which is not on every user's PATH.
known_libraries="$("$(command -v ldconfig || echo /sbin/ldconfig)" -p 2>/dev/null || true)"
missing_pdf_library=""
for library in $pdf_libraries; do
  case "$known_libraries" in *"$library"*) ;; *) missing_pdf_library="$library" ;; esac
done
if [ -n "$missing_pdf_library" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's Pango and HarfBuzz for PDF agenda packs…" >&2
    apt-get update -qq
    # shellcheck disable=SC2086 # the package list is meant to split into words
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pdf_packages >/dev/null
  else
    echo "PDF agenda packs need $missing_pdf_library: install $pdf_packages (as root: apt-get install …)." >&2
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
