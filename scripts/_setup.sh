#!/usr/bin/env bash
# Shared set-up for scripts/run and scripts/test: finds Python 3.12+, installs the pinned uv into
# .cache/tools, syncs .venv from uv.lock, checks that PostgreSQL and Redis answer, and creates
# the database. Sourced, not run: it exports PY for the caller.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

UV_VERSION=0.13.9
export UV_PYTHON_DOWNLOADS=never UV_CACHE_DIR="$PWD/.cache/uv" UV_LINK_MODE=copy

find_python() {
  local candidate
  for candidate in python3.13 python3.12 \
      "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 \
      "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3 /usr/bin/python3 python3; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      command -v "$candidate" || echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .cache/tools/bin/uv ]; then
  base_python=$(find_python) || {
    echo "No Python 3.12 or newer found. Install one (for example: pyenv install 3.12) and run again." >&2
    exit 1
  }
  "$base_python" -m venv .cache/tools
  .cache/tools/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
UV=.cache/tools/bin/uv

# --locked: the lock file is the truth; a pyproject change without `uv lock` fails loudly here.
"$UV" sync --locked --quiet --python "$(find_python)"
export PY="$PWD/.venv/bin/python"

# One clear line per missing service, with what to do about it.
"$PY" -m huis.preflight
