#!/usr/bin/env bash
# Engine benchmark: resident-ticks per second and peak memory per resident at 100k and 1M
# residents, with 1 and 2 threads; then 100k residents in buurten below one street (150 residents
# each, where the street rule of ODD 7.4 runs), with the rule and without it (initiatives.reach set
# to the buurt's size). Prints a markdown section (machine, commit, command, tables) ready for
# docs/performance.md. Usage: benchmarks/run.sh [BUILD_DIR] [TICKS]
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

# Buurten below one street: the same archetypes and total, every buurt of 150 residents. With
# reach 400 each resident stands for 400 / 150 of the street's (the street rule runs in every buurt);
# with reach 150 each buurt is one street of its own and the rule is idle, so the two rows differ by
# the rule's cost (and the dynamics it brings), and the rows above by the buurten's size.
SMALL=150
echo
echo "Buurten below one street (ODD 7.4): each row \`$BENCH --residents 100000 --buurt-residents $SMALL --ticks $TICKS --threads T [--set initiatives.reach=$SMALL]\`"
echo
echo "| residents | residents per buurt | buurten below a street | initiatives.reach | threads | ticks | resident-ticks/s | synthesis s | peak RSS MiB | bytes/resident |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for reach in 400 $SMALL; do
  for threads in 1 2; do
    line=$("$BENCH" --residents 100000 --buurt-residents $SMALL --ticks "$TICKS" --threads "$threads" \
      --set initiatives.reach=$reach)
    /usr/bin/python3 - "$line" "$SMALL" "$reach" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"| {r['residents']:,} | {sys.argv[2]} | {r['buurten_below_street']:,} of {r['buurten']:,} | {sys.argv[3]} | "
      f"{r['threads']} | {r['ticks']} | {r['resident_ticks_per_s']/1e6:.1f} M | {r['synthesis_s']:.2f} | "
      f"{r['peak_rss_bytes']/2**20:.0f} | {r['bytes_per_resident']:.0f} |")
PY
  done
done
