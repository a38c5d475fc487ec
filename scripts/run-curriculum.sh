#!/usr/bin/env bash
# Sets up a fresh clone and executes every notebook (or those whose names contain the given words),
# writing executed copies with outputs to executed/ and charts to img/.
# Usage: scripts/run-curriculum.sh [NAME ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
printf '\n== Executing notebooks\n'
cd "$root"
exec dotnet exec tools/NotebookRunner/bin/Release/net10.0/NotebookRunner.dll --notebooks notebooks --out executed "$@"
