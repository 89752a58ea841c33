#!/usr/bin/env bash
# Sets up, builds and opens relmap on the default map (or on the map file
# given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
bash scripts/setup.sh
mkdir -p bin
echo "building relmap (the first build compiles the graphics libraries and takes a few minutes)..."
go build -tags x11 -o bin/relmap ./cmd/relmap
exec ./bin/relmap "$@"
