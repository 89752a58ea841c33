#!/usr/bin/env bash
# Sets up and runs every check and test of relmap: formatting, go vet, the
# layering rule for model/, unit, golden, headless-UI and end-to-end tests
# (the real binary under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
bash scripts/setup.sh --test

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi

echo "== go vet"
go vet -tags x11 ./...

echo "== model/ imports neither Fyne nor SQL"
bad=$(go list -deps ./model | grep -E '^fyne.io|^database/sql$|go-sqlite3' || true)
if [ -n "$bad" ]; then
  echo "model/ must not import: $bad" >&2
  exit 1
fi

echo "== go test"
go test -tags x11 -count=1 "$@" ./...

echo "== go test -race (every package)"
go test -tags x11 -race -count=1 "$@" ./...
