#!/usr/bin/env bash
# Times relmap's interchange formats at scale and prints a table: a
# generated map of 100,000 actors and 200,000 ties (with dates) exported
# as GEXF, GraphML, DOT, Cytoscape.js JSON and GML, and each file imported into
# a new map, with the seconds and peak memory of each command; then the
# counts of the GEXF specification's sample files as relmap reads them.
#
#   bash scripts/bench-interchange.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
bash scripts/setup.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3)"
go build -tags x11 -o bin/relmap ./cmd/relmap
go run ./scripts/datasets generate --actors 100000 --ties 200000 --dates 2000 "$work/csv" >/dev/null
bin/relmap import --map "$work/big.relmap" "$work/csv/actors.csv" "$work/csv/ties.csv" >/dev/null

timed() { # timed LABEL COMMAND...: runs it, prints seconds and peak MB
  /usr/bin/time -f "%e %M" -o "$work/time" "${@:2}" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk -v l="$1" '{printf "%-28s %8.2f s %8.0f MB\n", l, $1, $2 / 1024}' "$work/time"
}
printf '\n100,000 actors, 200,000 ties\n'
for ext in gexf graphml dot cyjs gml; do
  timed "export $ext" bin/relmap export --map "$work/big.relmap" --out "$work/big.$ext"
  size=$(du -m "$work/big.$ext" | cut -f1)
  timed "import $ext ($size MB)" bin/relmap import --map "$work/from-$ext.relmap" "$work/big.$ext"
done

samples=../shared/datasets/gexf
if [ -d "$samples" ]; then
  printf '\nGEXF samples (../shared/datasets/gexf): actors and ties as read\n'
  go test -count=1 -run 'GEXFSamplesImport' -v ./model/netio |
    awk '/=== RUN   TestGEXFSamplesImport\// {sub(/.*TestGEXFSamplesImport\//, ""); name=$0}
         /samples_test.go:.*nodes →/ {sub(/.*samples_test.go:[0-9]+: /, ""); sub(/; report.*/, ""); printf "%-40s %s\n", name, $0}'
else
  echo "skipped the GEXF samples: $samples is not there" >&2
fi
