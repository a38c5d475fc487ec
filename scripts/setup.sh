#!/usr/bin/env bash
# Prepares a fresh clone: system packages, pinned .NET tools, plotly.js, NuGet restore, the TorchSharp
# native repair, and the MLPrimer package in the local feed (artifacts/feed) the notebooks load.
# Idempotent; every step is skipped or cheap when already done. Usage: scripts/setup.sh [--with-jupyter]
# (--with-jupyter also installs what the tests need besides: Jupyter's nbconvert and chromium for the site's browser test.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
with_jupyter=0
[ "${1:-}" = "--with-jupyter" ] && with_jupyter=1
step() { printf '\n== %s\n' "$*"; }

# --- system packages (Debian/Ubuntu) -------------------------------------------------------------
need=()
command -v patchelf >/dev/null || need+=(patchelf)
command -v gcc >/dev/null || need+=(gcc)
command -v readelf >/dev/null || need+=(binutils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core fontconfig)
[ -x /usr/bin/python3 ] || need+=(python3)
command -v npm >/dev/null || need+=(npm)
# Chapter 02's broker: a private redis-server per notebook (MLPrimer.Messaging.RedisServerProcess).
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || need+=(redis-server)
command -v mpiexec.mpich >/dev/null || need+=(mpich)          # chapter 19's multi-process data parallelism
command -v prometheus >/dev/null || need+=(prometheus)     # chapter 28 scrapes the model server with a private instance
if [ $with_jupyter = 1 ]; then
  /usr/bin/python3 -c 'import nbclient, nbconvert, ipykernel' 2>/dev/null || need+=(jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)
  [ -x /usr/bin/chromium ] || need+=(chromium)     # the site's browser test
fi
if [ ${#need[@]} -gt 0 ]; then
  step "Installing system packages: ${need[*]}"
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Please install: ${need[*]}" >&2; exit 1
  fi
fi

# --- pinned .NET tools (dotnet-interactive for Jupyter) and front-end assets -------------------------
step "Restoring pinned .NET tools"
dotnet tool restore >/dev/null
step "Installing plotly.js for offline interactive charts"
(cd lib && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
step "Installing the static site's code highlighting and math (highlight.js, KaTeX)"
(cd tools/SiteBuilder && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# --- the local feed the notebooks load MLPrimer from ---------------------------------------------------
# Notebooks say only '#r "nuget: MLPrimer, <version>"': the feed is registered as a user-level NuGet source
# (#i cannot take a relative path, and the kernel restores outside the repository). It is pointed at this
# clone before any restore, since a source left pointing at a deleted clone fails every restore.
feed="$root/artifacts/feed"
mkdir -p "$feed"
if dotnet nuget list source --format short | grep " $feed\$" >/dev/null; then :; else
  step "Registering $feed as the NuGet source MLPrimerLocal"
  dotnet nuget remove source MLPrimerLocal >/dev/null 2>&1 || true
  dotnet nuget add source "$feed" --name MLPrimerLocal >/dev/null
fi

# --- NuGet restore, then the TorchSharp libstdc++ repair (it patches the restored package) ------------
step "Restoring NuGet packages"
dotnet restore MLPrimer.slnx -v q --nologo
step "Checking TorchSharp's native library against the system libstdc++"
bash scripts/torchsharp-repair/repair.sh

# --- build and pack the helper library into the local feed -------------------------------------------
step "Building the helper library, the notebook runner, the notebook-to-app converter and the distributed worker"
dotnet build lib/Interactive/MLPrimer.Interactive.csproj -c Release -v q --nologo --no-restore
dotnet build tools/NotebookRunner/NotebookRunner.csproj -c Release -v q --nologo --no-restore
dotnet build tools/SiteBuilder/SiteBuilder.csproj -c Release -v q --nologo --no-restore
dotnet build tools/NotebookToApp/NotebookToApp.csproj -c Release -v q --nologo --no-restore   # regenerates apps/ from the notebooks
step "Building the services (services/ModelServer, services/FeatureWorker; the notebooks and tests start them as processes)"
dotnet build services/ModelServer/ModelServer.csproj -c Release -v q --nologo --no-restore
dotnet build services/FeatureWorker/FeatureWorker.csproj -c Release -v q --nologo --no-restore
dotnet build tools/DistributedWorker/DistributedWorker.csproj -c Release -v q --nologo --no-restore   # the rank mpiexec starts (chapter 19)
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' lib/MLPrimer.csproj)"
rm -rf artifacts/feed "${NUGET_PACKAGES:-$HOME/.nuget/packages}/mlprimer/$version"
dotnet pack lib/MLPrimer.csproj -c Release -v q --nologo --no-restore --no-build >/dev/null
echo "MLPrimer $version packed to $feed (NuGet source 'MLPrimerLocal')"
