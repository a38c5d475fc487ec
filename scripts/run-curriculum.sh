#!/usr/bin/env bash
# Sets up a fresh clone and executes every notebook (or those whose names contain the given words),
# writing executed copies with outputs to executed/ and charts to img/, then builds the static site in site/.
# Usage: scripts/run-curriculum.sh [NAME ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
printf '\n== Executing notebooks\n'
cd "$root"
set +e
dotnet exec tools/NotebookRunner/bin/Release/net10.0/NotebookRunner.dll --notebooks notebooks --out executed "$@"
status=$?
set -e
# The site is built from whatever executed/ holds, also after a failed notebook (its page then shows the error).
printf '\n== Building the static site (site/)\n'
dotnet exec tools/SiteBuilder/bin/Release/net10.0/SiteBuilder.dll --executed executed --out site
if [ -x /usr/bin/chromium ] && [ -f site/index.html ]; then
  mkdir -p site/screenshots
  for page in index 09-word2vec; do
    [ -f "site/$page.html" ] || continue
    timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1000 \
      --screenshot="site/screenshots/$page.png" "file://$root/site/$page.html" >/dev/null 2>&1 || true
  done
fi
echo "Open site/index.html in a browser (it works offline, from the file system or any static host)."
exit $status
