# Shared by every script: find the project, make sure .venv is set up, then run.
# shellcheck shell=bash
set -euo pipefail
# Paths given on the command line are taken from where the user ran the script, and errors
# name files as seen from there (macros/pet_generator/pipeline/toolkit.py user_path, macros/pet_generator/catalog/loader.py display_path).
export PET_CALLER_DIR="$PWD"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PYTHONPATH="$ROOT:$ROOT/macros${PYTHONPATH:+:$PYTHONPATH}"  # the project and the generator package (pet_generator)
export NO_MKDOCS_2_WARNING=1  # Material's end-of-life banner on every build
# Python's compiled files (__pycache__/, git-ignored) are kept: without them every run compiles the
# generator again, and pytest rewrites every test module's asserts again (4 of the fast loop's
# CPU seconds per worker). Some machines set this to keep trees clean.
unset PYTHONDONTWRITEBYTECODE
PY="$ROOT/.venv/bin/python"

# The stamp records what bootstrap installed; a change to any input makes it stale.
bootstrap_inputs_hash() {
  cat "$ROOT/requirements.txt" "$ROOT/package.json" "$ROOT/package-lock.json" "$ROOT/scripts/bootstrap" 2>/dev/null | sha256sum | cut -c1-16
}

ensure_bootstrapped() {
  if [[ ! -x "$PY" || ! -f "$ROOT/.venv/.bootstrap-stamp" || "$(cat "$ROOT/.venv/.bootstrap-stamp")" != "$(bootstrap_inputs_hash)" ]]; then
    echo "==> setting up (scripts/bootstrap)" >&2
    "$ROOT/scripts/bootstrap" >&2
  fi
}

# Print --help text (the comment block at the top of the calling script) and exit.
usage_from_header() {
  sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$1"
  exit 0
}
