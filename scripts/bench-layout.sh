#!/usr/bin/env bash
# Measures relmap's layout engine side by side with Graphviz and prints one
# table: generated random and scale-free graphs (average degree 4, fixed
# seeds) at 2,000, 10,000 and 100,000 actors, laid out by relmap, by neato
# (-Gmode=major, up to 2,000 actors) and by sfdp; then the dynamic data sets
# of ../shared/datasets/dynamic, scored for relmap at five stabilities and
# for visone's reference layout. Graphviz rows need `neato` and `sfdp`
# (installed here with apt-get when run as root); dataset rows need the
# shared datasets; both are skipped with a message otherwise.
#
#   bash scripts/bench-layout.sh            # everything
#   RELMAP_BENCH_MAX=10000 bash scripts/bench-layout.sh   # up to 10,000 actors
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

if ! command -v sfdp >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; } ||
      echo "bench-layout: could not install graphviz; Graphviz rows are skipped" >&2
  else
    echo "bench-layout: neato/sfdp not found (sudo apt-get install graphviz); Graphviz rows are skipped" >&2
  fi
fi

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3)"
go test -run XXX -bench 'Compare|Dynamic' -benchtime 1x -timeout 90m ./layout | tee "$raw" >&2

# Peak memory of relmap alone on each 100,000-actor graph, one process each.
max=${RELMAP_BENCH_MAX:-100000}
peaks=""
if [ "$max" -ge 100000 ]; then
  bin=$(mktemp)
  go test -c -o "$bin" ./layout
  for g in random scale-free; do
    mb=$(cd layout && "$bin" -test.run XXX -test.bench "Compare/graph=$g/n=100000/method=relmap\$" -test.benchtime 1x |
      awk '{for (i = 2; i <= NF; i++) if ($i == "peak-MB") print $(i-1)}')
    peaks="$peaks$g $mb\n"
  done
  rm -f "$bin"
fi

echo
printf '%-11s %7s %-22s %9s %8s %14s %9s\n' graph size method seconds stress crossings overlaps
awk '/^BenchmarkCompare\// {
  split($1, part, "/"); sub(/-[0-9]+$/, "", part[4])
  g = substr(part[2], 7); n = substr(part[3], 3); m = substr(part[4], 8)
  s = $3 / 1e9; st = ""; cr = ""; ov = ""
  for (i = 4; i <= NF; i++) {
    if ($i == "stress") st = $(i-1)
    if ($i == "crossings") cr = sprintf("%.0f", $(i-1))
    if ($i == "crossings-est") cr = sprintf("~%.0f", $(i-1))
    if ($i == "overlaps") ov = sprintf("%d", $(i-1))
  }
  printf "%-11s %7s %-22s %9.2f %8.4f %14s %9s\n", g, n, m, s, st, cr, ov
}' "$raw"
if [ -n "$peaks" ]; then
  echo
  echo "peak memory of relmap on 100,000 actors (VmHWM of its own process):"
  printf "$peaks" | awk '{printf "  %-11s %s MB\n", $1, $2}'
fi

echo
printf '%-8s %-22s %8s %10s\n' data method stress movement
awk '/^BenchmarkDynamic\// {
  split($1, part, "/"); d = substr(part[2], 6); m = substr(part[3], 8)
  if (part[4] != "") { sub(/-[0-9]+$/, "", part[4]); m = m " " part[4] } else sub(/-[0-9]+$/, "", m)
  st = ""; mv = ""
  for (i = 4; i <= NF; i++) { if ($i == "stress") st = $(i-1); if ($i == "move%") mv = $(i-1) }
  printf "%-8s %-22s %8.4f %9.2f%%\n", d, m, st, mv
}' "$raw"
grep -h -- '--- SKIP\|skip' "$raw" | sed 's/^/note: /' || true
