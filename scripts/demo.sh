#!/usr/bin/env bash
# Set everything up and run the Kent and Medway demo: builds it into ICSHUB_HOME (default ./var) and
# serves it on http://127.0.0.1:8000, printing how to log in. Extra arguments go to 'icshub demo'.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
exec .venv/bin/icshub demo "$@"
