#!/usr/bin/env bash
# Sets up a fresh clone (including Jupyter for the kernel test) and runs every test: unit tests of lib/,
# the notebook tests (each notebook executed by the runner, chapter 0 also under Jupyter's .NET kernel)
# and the clean-source checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh" --with-jupyter
printf '\n== Running tests\n'
cd "$root"
exec dotnet test MLPrimer.slnx -c Release --nologo "$@"
