#!/usr/bin/env bash
# Runs the chapter apps (apps/NN-name.cs, generated from the notebooks by tools/NotebookToApp) one after another.
# Usage: scripts/run-apps.sh [--build] [FILTER...]
#   FILTER   run only the apps whose file name contains one of the filters (e.g. 09 or word2vec); default: all
#   --build  compile the apps without running them
# Each app's console output goes to apps/output/NN-name/run.log; ends with one line per app (ok/FAILED, seconds)
# and exits non-zero when any app failed. Builds in Release (fast, like the packed library the notebooks load);
# a plain "dotnet run apps/NN-name.cs" builds Debug, which is what a debugger wants. Run scripts/setup.sh once first.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode=run
filters=()
for a in "$@"; do
  case "$a" in
    --build) mode=build ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) filters+=("$a") ;;
  esac
done
apps=()
for f in apps/[0-9]*.cs; do
  name="$(basename "$f" .cs)"
  if [ ${#filters[@]} -eq 0 ]; then apps+=("$f"); continue; fi
  for p in "${filters[@]}"; do case "$name" in *"$p"*) apps+=("$f"); break ;; esac; done
done
[ ${#apps[@]} -gt 0 ] || { echo "no app matches: ${filters[*]}" >&2; exit 2; }
summary=()
failed=0
for f in "${apps[@]}"; do
  name="$(basename "$f" .cs)"
  mkdir -p "apps/output/$name"
  log="apps/output/$name/$mode.log"
  printf '\n== %s %s\n' "$mode" "$f"
  start=$SECONDS
  if [ $mode = build ]; then dotnet build -c Release "$f" -v q --nologo >"$log" 2>&1; else dotnet run -c Release "$f" 2>&1 | tee "$log"; fi
  rc=${PIPESTATUS[0]}
  secs=$((SECONDS - start))
  if [ "$rc" = 0 ]; then summary+=("ok      ${secs}s  $name"); else summary+=("FAILED  ${secs}s  $name (exit $rc, see $log)"); failed=$((failed + 1)); [ $mode = build ] && tail -20 "$log"; fi
done
printf '\n== %s summary\n' "$mode"
printf '%s\n' "${summary[@]}"
echo "$((${#apps[@]} - failed)) of ${#apps[@]} apps ok"
[ $failed = 0 ]
