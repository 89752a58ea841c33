#!/usr/bin/env bash
# Measures long timelines end to end and prints one table. It converts the
# US chiefs-of-mission and US mission-status tables of ../shared/datasets
# to relmap CSV with scripts/datasets, generates a 10,000-actor map with
# 20,000 ties and about 20,000 dates, imports each into a map file, then
# times with the real binary: the first `relmap render` (cold: every date
# laid out and kept in the file), a second render (the kept layout), and
# opening the app's editor to a first painted frame (BenchmarkOpenKept).
# It prints peak memory (max RSS) and how much of the drawing area the
# diagram's ink spans at 1600×1000 on 1900-01-01 and 2000-01-01. Rows whose
# data set is missing are skipped with a message.
#
#   bash scripts/bench-timeline.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
bash scripts/setup.sh --test >/dev/null
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq time >/dev/null; }
go build -tags x11 -o bin/relmap ./cmd/relmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
datasets=../shared/datasets

# timed CMD... prints "seconds peak-MB" of one run.
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  awk '{printf "%.2f %.0f", $1, $2/1024}' "$work/time"
}

# ink FILE prints the share of the drawing area's width and height that the
# diagram's ink spans (the drawing area: below the header, left of the
# legend).
ink() {
  convert "$1" -crop 1356x910+0+66 +repage -fuzz 2% -trim -format "%w %h" info: 2>/dev/null |
    awk '{printf "%.2f×%.2f", $1/1356, $2/910}'
}

printf "%-10s %7s %7s %7s | %9s %8s | %9s %8s | %9s | %9s %9s\n" \
  map actors ties dates "cold s" "peak MB" "kept s" "peak MB" "open s" "ink 1900" "ink 2000"
row() {
  local name=$1 dir=$2 counts
  counts=$(echo "$3" | awk '{printf "%7d %7d %7d", $1, $3, $5}')
  local file="$work/$name.relmap"
  bin/relmap import --map "$file" "$dir/actors.csv" "$dir/ties.csv" >/dev/null 2>&1
  local cold kept open
  cold=$(timed bin/relmap render --map "$file" --at 2000-01-01 --out "$work/$name-2000.png")
  kept=$(timed bin/relmap render --map "$file" --at 1900-01-01 --out "$work/$name-1900.png")
  open=$(cd ui && RELMAP_BENCH_MAP="$file" go test -tags x11 -run XXX -bench OpenKept -benchtime 3x . |
    awk '/BenchmarkOpenKept/ {printf "%.2f", $3/1e9}')
  printf "%-10s %s | %9s %8s | %9s %8s | %9s | %9s %9s\n" "$name" "$counts" $cold $kept "$open" \
    "$(ink "$work/$name-1900.png")" "$(ink "$work/$name-2000.png")"
}

if [ -d "$datasets/us_pocom" ]; then
  row pocom "$work/pocom" "$(go run ./scripts/datasets pocom "$datasets/us_pocom" "$work/pocom" 2>/dev/null)"
else
  echo "skipped pocom: $datasets/us_pocom is absent" >&2
fi
if [ -d "$datasets/us_diplomatic_missions" ]; then
  row missions "$work/missions" "$(go run ./scripts/datasets missions "$datasets/us_diplomatic_missions" "$work/missions" 2>/dev/null)"
else
  echo "skipped missions: $datasets/us_diplomatic_missions is absent" >&2
fi
row generated "$work/generated" \
  "$(go run ./scripts/datasets generate --actors 10000 --ties 20000 --dates 20000 "$work/generated" 2>/dev/null)"
echo "(generated: its history runs 1900 to about 1963, so its 2000 picture shows the actors still alive then)"
