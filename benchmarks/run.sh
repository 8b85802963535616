#!/usr/bin/env bash
# Engine benchmark: resident-ticks per second and peak memory per resident at 100k and 1M
# residents, with 1 and 2 threads. Prints a markdown section (machine, commit, command, table)
# ready for docs/performance.md. Usage: benchmarks/run.sh [BUILD_DIR] [TICKS]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
TICKS=${2:-52}
BENCH="$BUILD/benchmarks/bench_engine"
[ -x "$BENCH" ] || { echo "build first: cmake --build $BUILD --target bench_engine" >&2; exit 2; }

echo "### Engine throughput, $(date -u +%Y-%m-%d)"
echo
echo "- machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- sim || echo ' (with local changes)')"
echo "- load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command: \`benchmarks/run.sh $BUILD $TICKS\` (each row: \`$BENCH --residents N --ticks $TICKS --threads T\`)"
echo "- scenario: the archetypes of scenarios/kaleidoscopic.json scaled to N residents, one replicate"
echo
echo "| residents | threads | ticks | resident-ticks/s | synthesis s | peak RSS MiB | bytes/resident | ties |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for residents in 100000 1000000; do
  for threads in 1 2; do
    line=$("$BENCH" --residents "$residents" --ticks "$TICKS" --threads "$threads")
    /usr/bin/python3 - "$line" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"| {r['residents']:,} | {r['threads']} | {r['ticks']} | {r['resident_ticks_per_s']/1e6:.1f} M | "
      f"{r['synthesis_s']:.2f} | {r['peak_rss_bytes']/2**20:.0f} | {r['bytes_per_resident']:.0f} | {r['ties']:,} |")
PY
  done
done
