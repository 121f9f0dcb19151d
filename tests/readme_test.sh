#!/usr/bin/env bash
# The README's commands, run as written: usage: readme_test.sh TEAMSIM_EXECUTABLE SOURCE_DIR
#
# Every ```sh block of README.md runs as written, in order, in one bash session (set -e, pipefail), in a
# scratch folder that looks like a clone after scripts/quickstart.sh: scenarios/, scripts/ and docs/ link
# to the source tree, notebooks/ is a copy, and build/release/sim/teamsim is the executable under test. Every
# command must exit 0; the first that does not is reported with its README line.
#
# A block that cannot run in a test is marked, on the line just before its opening fence, with
#   <!-- readme-test: skip REASON -->
# (the quickstart and the test suite themselves, which install packages and build; sbatch, which needs
# a Slurm cluster; an interactive Jupyter server). Blocks in other languages (toml, python, plain
# ``` listings of usage and error messages) are not commands.
set -euo pipefail

teamsim=$(realpath "$1")
source_dir=$(realpath "$2")
readme=$source_dir/README.md
work=$(mktemp -d "${TMPDIR:-/tmp}/teamsim-readme-XXXXXX")
trap 'rm -rf "$work"' EXIT

# A scratch clone.
for entry in scenarios scripts docs; do ln -s "$source_dir/$entry" "$work/$entry"; done
cp -r "$source_dir/notebooks" "$work/notebooks"  # a copy: notebooks find out/ beside their own folder
mkdir -p "$work/build/release/sim"
ln -s "$teamsim" "$work/build/release/sim/teamsim"
# After the quickstart, Debian's python3 imports the Python package teamsim (scripts/build-python.sh writes a
# teamsim.pth): here PYTHONPATH names the package built beside the executable under test, and `python3` is
# Debian's /usr/bin/python3, as on a fresh Debian machine (a pyenv python3 first on PATH has no pandas).
export PYTHONPATH="$(dirname "$(dirname "$teamsim")")/python"
mkdir -p "$work/.python"
ln -s /usr/bin/python3 "$work/.python/python3"
export PATH="$work/.python:$PATH"

# The blocks, copied verbatim into one script; a failing command is reported with its README line.
/usr/bin/python3 - "$readme" "$work/commands.sh" <<'PY'
import re, sys
readme, out = sys.argv[1], sys.argv[2]
lines = open(readme, encoding="utf-8").read().split("\n")
script = ["set -eE -o pipefail",
          "trap 'echo \"FAIL: README.md:$((LINENO - block + first)): exit code $?\" >&2' ERR"]
skipped, blocks = [], 0
i = 0
while i < len(lines):
    fence = re.match(r"^```(\w*)\s*$", lines[i])
    if not fence:
        i += 1
        continue
    language = fence.group(1)
    before = lines[i - 1] if i > 0 else ""
    marker = re.match(r"^<!-- readme-test: skip (.+) -->$", before)
    if before.startswith("<!-- readme-test") and not marker:
        sys.exit(f"README.md:{i}: malformed marker (expected <!-- readme-test: skip REASON -->)")
    first = i + 2  # README line of the block's first line
    i += 1
    body = []
    while i < len(lines) and lines[i].strip() != "```":
        body.append(lines[i])
        i += 1
    if i == len(lines):
        sys.exit(f"README.md:{first}: unterminated code block")
    i += 1
    if language != "sh":
        continue
    if marker:
        skipped.append(f"README.md:{first}: {marker.group(1)}")
        continue
    blocks += 1
    script.append(f"echo '+ README.md:{first}' >&2")
    script.append(f"first={first}; block=$((LINENO + 1))")
    script.extend(body)
if blocks == 0:
    sys.exit("README.md: no ```sh blocks found")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(script) + "\n")
for s in skipped:
    print("skipped", s)
print(f"{blocks} blocks to run")
PY

cd "$work"
start=$SECONDS
# Progress lines of long commands would flood the log: the README's commands run quietly here.
TEAMSIM_PROGRESS_SECONDS=60 bash "$work/commands.sh"
echo "all README commands passed ($((SECONDS - start)) s)"
