#!/usr/bin/env bash
# Makes TorchSharp's native library load on systems whose libstdc++ predates GCC 13 (Debian 12 has
# GLIBCXX up to 3.4.30; libLibTorchSharp.so 0.107.0 asks for 3.4.32 through one no-op symbol).
#   1. If the system libstdc++ already has GLIBCXX_3.4.32, or the library does not ask for it: nothing to do.
#   2. Otherwise, in a copy of libLibTorchSharp.so: mark the GLIBCXX_3.4.32 requirement weak, add a tiny
#      shim library (libmlprimer_glibcxx_shim.so, defining the symbol at that version) as DT_NEEDED, and
#      move the copy over the original atomically. The shim sits beside it; the library's RUNPATH
#      ($ORIGIN) finds it there and in every folder TorchSharp later copies the natives to.
#   3. Remove TorchSharp's consolidated copies (lib/*/cpu, lib/*/cuda) so no stale unpatched copy survives.
# Idempotent: an already repaired library is left alone. Usage: repair.sh [NUGET_PACKAGES_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages="${1:-${NUGET_PACKAGES:-$HOME/.nuget/packages}}"
version=GLIBCXX_3.4.32
shim=libmlprimer_glibcxx_shim.so

system_libstdcxx() {
  # awk reads all input (no early exit), so ldconfig never dies of SIGPIPE under pipefail.
  ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found=1}'
}

# MLPRIMER_LIBSTDCXX names another libstdc++ to check (used by the tests).
libstdcxx="${MLPRIMER_LIBSTDCXX:-$(system_libstdcxx)}"
if [ -n "$libstdcxx" ] && grep -a "$version" "$libstdcxx" >/dev/null; then
  echo "torchsharp-repair: $libstdcxx provides $version; no repair needed."
  exit 0
fi

shopt -s nullglob
libs=("$packages"/torchsharp/*/runtimes/linux-x64/native/libLibTorchSharp.so)
if [ ${#libs[@]} -eq 0 ]; then
  echo "torchsharp-repair: no TorchSharp package under $packages (restore first)." >&2
  exit 1
fi

for lib in "${libs[@]}"; do
  dir="$(dirname "$lib")"
  pkg="$(cd "$dir/../../.." && pwd)"
  if ! readelf -V "$lib" 2>/dev/null | grep "Name: $version" >/dev/null; then
    echo "torchsharp-repair: $lib does not need $version."
    continue
  fi
  if readelf -d "$lib" 2>/dev/null | grep "\[$shim\]" >/dev/null && [ -f "$dir/$shim" ]; then
    echo "torchsharp-repair: $lib already repaired."
  else
    command -v patchelf >/dev/null || { echo "torchsharp-repair: patchelf is required (apt-get install patchelf)" >&2; exit 1; }
    tmp="$(mktemp -d)"
    gcc -shared -fPIC -O2 -o "$tmp/$shim" "$here/ios_base_anchor.c" -Wl,--version-script="$here/ios_base_anchor.map" -Wl,-soname,$shim
    cp "$lib" "$tmp/lib.so"
    python3 "$here/mark_version_weak.py" "$tmp/lib.so" "$version" >/dev/null
    patchelf --add-needed "$shim" "$tmp/lib.so"
    cp "$tmp/$shim" "$dir/$shim.tmp" && mv -f "$dir/$shim.tmp" "$dir/$shim"
    cp "$tmp/lib.so" "$lib.tmp" && mv -f "$lib.tmp" "$lib"
    rm -rf "$tmp"
    echo "torchsharp-repair: repaired $lib (weak $version + $shim)."
  fi
  for stale in "$pkg"/lib/*/cpu "$pkg"/lib/*/cuda; do
    if [ -d "$stale" ]; then
      rm -rf "$stale"
      echo "torchsharp-repair: removed stale consolidated natives $stale"
    fi
  done
done
