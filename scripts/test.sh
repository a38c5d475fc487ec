#!/usr/bin/env bash
# Sets up a fresh clone (including Jupyter and chromium for the tests) and runs every test: unit tests of lib/
# (tests/MLPrimer.Tests), and in tests/MLPrimer.NotebookTests the notebook tests (each notebook executed by the
# runner and again under Jupyter's .NET kernel), the static site in headless chromium, and the clean-source checks; in
# tests/MLPrimer.AppTests the chapter apps (apps/: up to date, compiling, a subset run). Ends with one summary line: "tests: N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS=0
bash "$root/scripts/setup.sh" --with-jupyter
setup_seconds=$SECONDS
printf '\n== Setup took %d s\n== Running tests (each test project prints its own duration)\n' "$setup_seconds"
cd "$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test MLPrimer.slnx -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
count() { grep -E '^\s*(Passed|Failed)!' "$log" | sed -n "s/.*$1: *\([0-9]*\).*/\1/p" | awk '{s+=$1} END {print s+0}'; }
echo "time: setup ${setup_seconds} s, tests $((SECONDS - setup_seconds)) s, total ${SECONDS} s"
echo "tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
exit "$status"
