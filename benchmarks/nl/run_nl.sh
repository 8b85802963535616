#!/usr/bin/env bash
# The whole-Netherlands benchmark: runs scenarios/cbs/netherlands.json (every wijk of the 2024
# national CBS extract, ten years of weekly ticks) under /usr/bin/time -v and appends one dated
# row with wall time, peak memory, residents, file size, machine, load and commit to the section
# "Whole Netherlands" of docs/performance.md.
#
# Usage: benchmarks/nl/run_nl.sh [--build DIR] [--no-record] [--keep FILE] [-- EXTRA WIJKSIM RUN OPTIONS]
#   --build DIR   build folder holding the wijksim executable (default: build)
#   --no-record   print the row instead of appending it (for trial runs)
#   --keep FILE   keep the result file there (for `wijksim info` and the report); by default it is
#                 deleted with the run's temporary folder
#   extra options go to `wijksim run`, e.g. `-- --horizon 52` for a quick check.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$repo/build"
record=1
keep=""
extra=()
while (($#)); do
  case "$1" in
    --build) build="$(cd "$2" && pwd)"; shift 2 ;;
    --no-record) record=0; shift ;;
    --keep) keep="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "run_nl.sh: unknown argument '$1' (expected --build DIR, --no-record, --keep FILE or -- OPTIONS)" >&2; exit 2 ;;
  esac
done

wijksim="$build/wijksim"
scenario="scenarios/cbs/netherlands.json"
performance="$repo/docs/performance.md"
[[ -x "$wijksim" ]] || { echo "run_nl.sh: no executable $wijksim (build the target wijksim first)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run_nl.sh: /usr/bin/time is needed for the peak memory" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/wijksim-nl.XXXXXX")"
trap 'rm -rf "$work"' EXIT
result="$work/nl.h5"
command=("$wijksim" run "$scenario" -o "$result" --threads 2 "${extra[@]}")

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u +%Y-%m-%dT%H:%MZ)"
echo "run_nl.sh: ${command[*]} (load average before: $load_before)" >&2
(cd "$repo" && /usr/bin/time -v -o "$work/time.txt" "${command[@]}" >"$work/run.log" 2>&1) || {
  echo "run_nl.sh: the run failed; its output:" >&2
  tail -n 20 "$work/run.log" >&2
  exit 1
}
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "$keep" ]]; then cp "$result" "$keep"; echo "run_nl.sh: result kept as $keep" >&2; fi

wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")"
peak_kib="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/time.txt")"
cpu_seconds="$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.0f", s }' "$work/time.txt")"
cpu_share="$(sed -n 's/^\s*Percent of CPU this job got: //p' "$work/time.txt")"
wall_seconds="$(awk -F: '{ s = 0; for (i = 1; i <= NF; ++i) s = s * 60 + $i; printf "%.0f", s }' <<<"$wall")"
peak_gib="$(awk -v k="$peak_kib" 'BEGIN { printf "%.2f", k / 1048576 }')"
file_mib="$(awk -v b="$(stat -c %s "$result")" 'BEGIN { printf "%.1f", b / 1048576 }')"
# The commit is the one the executable was built from, as stamped into the result file.
read -r residents units ticks commit < <(/usr/bin/python3 -c '
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    a = f.attrs
    commit, _, dirty = str(a["git_commit"]).partition("-")
    print(int(a["residents"]), int(a["buurten"]), int(a["horizon_ticks"]), commit[:7] + ("-" + dirty if dirty else ""))' "$result")

cpu="$(lscpu | sed -n 's/^Model name:\s*//p' | head -n 1)"
cores="$(nproc)"
memory_gib="$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
goals="$( ((wall_seconds < 600)) && echo "time met" || echo "time missed"), $(awk -v k="$peak_kib" 'BEGIN { print (k < 8 * 1048576) ? "memory met" : "memory missed" }')"
shown_command="wijksim run $scenario -o <tmp>/nl.h5 --threads 2${extra[*]:+ ${extra[*]}}"

row="| $started | $commit | $cpu, $cores cores, $memory_gib GiB | $load_before / $load_after | $residents | $units | $ticks | $wall ($wall_seconds s) | $cpu_seconds s ($cpu_share) | $peak_gib GiB | $file_mib MiB | $goals | \`$shown_command\` |"

if ((record == 0)); then
  echo "$row"
  exit 0
fi

# Append the row to the table of the "Whole Netherlands" section, creating either when absent;
# other sections of the file are left as they are.
/usr/bin/python3 - "$performance" "$row" <<'PYTHON'
import os, sys
path, row = sys.argv[1], sys.argv[2]
heading = "## Whole Netherlands"
table_head = [
    "| date (UTC) | commit | machine | load avg before / after | residents 15+ | units | ticks | wall time | CPU time (share) | peak RSS | file | goals (<10 min, <8 GiB) | command |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]
lines = open(path).read().splitlines() if os.path.exists(path) else ["# Performance"]
if heading not in lines:
    lines += ["", heading, "", "Measured by `benchmarks/nl/run_nl.sh` (one row per run, appended).", ""] + table_head
start = lines.index(heading)
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
table_rows = [i for i in range(start, end) if lines[i].startswith("|")]
if not table_rows:
    lines[end:end] = [""] + table_head
    end += len(table_head) + 1
    table_rows = [end - 1]
lines.insert(table_rows[-1] + 1, row)
open(path, "w").write("\n".join(lines) + "\n")
PYTHON
echo "run_nl.sh: recorded in $performance:" >&2
echo "$row"
