#!/usr/bin/env bash
# Registers the pinned .NET Interactive kernel with Jupyter as ".net-csharp" (the kernelspec name the notebooks'
# metadata asks for). The kernel runs through the repository's local tool manifest, bound to localhost only.
# Usage: scripts/install-jupyter-kernel.sh [JUPYTER_DATA_DIR] [PORT_RANGE]
#   JUPYTER_DATA_DIR defaults to $JUPYTER_DATA_DIR or ~/.local/share/jupyter; PORT_RANGE to 2048-3000
#   (kernels running at the same time need distinct ranges).
set -euo pipefail
data_dir="${1:-${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}}"
ports="${2:-2048-3000}"
dir="$data_dir/kernels/.net-csharp"
mkdir -p "$dir"
cat > "$dir/kernel.json.tmp" <<JSON
{
  "argv": ["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp",
           "--http-local-only", "--http-port-range", "$ports", "{connection_file}"],
  "display_name": ".NET (C#)",
  "language": "C#",
  "env": {"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1"}
}
JSON
mv -f "$dir/kernel.json.tmp" "$dir/kernel.json"
echo "Installed the .NET (C#) Jupyter kernel in $dir (start Jupyter from inside the repository)."
