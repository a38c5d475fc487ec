#!/usr/bin/env bash
# Applies the conventions in .editorconfig, which the build enforces (Directory.Build.props: warnings are errors, and
# EnforceCodeStyleInBuild makes a misnamed field fail `dotnet build` with IDE1006). Run it after merging a branch or
# whenever the build reports IDE1006:
#   bash scripts/format.sh           rename misnamed fields, fix layout
#   bash scripts/format.sh --check   change nothing; exit 1 when something would change
# Steps:
#   1. tools/FieldNaming renames every field that breaks the naming rules (_camelCase private fields, PascalCase
#      constants, static readonly and visible fields) with Roslyn's renamer: the field and its references, never a local
#      or parameter of the same name. A TorchSharp module's renamed submodule/parameter/buffer keeps its state_dict name
#      through [ComponentName]; an `object` used only by lock statements becomes a System.Threading.Lock. It refuses to
#      write anything that would add a compiler error. (`dotnet format` cannot do this: its IDE1006 fix does not
#      support "fix all".)
#   2. `dotnet format whitespace` applies the layout rules of .editorconfig (indentation, braces, spacing).
# Takes a few minutes on 2 cores (step 1 loads and compiles the whole solution).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
check=()
verify=()
if [[ "${1:-}" == "--check" ]]; then check=(--check); verify=(--verify-no-changes); fi

dotnet build tools/FieldNaming -c Release --nologo -v q
dotnet tools/FieldNaming/bin/Release/net10.0/FieldNaming.dll MLPrimer.slnx "${check[@]}"
dotnet format whitespace --folder "${verify[@]}"
echo "format: field names and layout follow .editorconfig"
