#!/usr/bin/env bash
# Installs relmap for the current user as Fyne apps are installed: builds
# it, packages it with `fyne package` (from FyneApp.toml: name, ID, icon,
# version), and installs from the package the binary in ~/.local/bin and,
# under XDG_DATA_HOME (default ~/.local/share), the .desktop launcher, the
# icon, and a MIME type for .relmap files so that double-clicking a map
# opens it in relmap.
#
#   bash scripts/install.sh               install (or update)
#   bash scripts/install.sh --uninstall   remove all of it
#   bash scripts/install.sh --package     only make dist/relmap.tar.xz, the
#                                         release tarball (fyne package -os linux)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

data=${XDG_DATA_HOME:-$HOME/.local/share}
bindir=$HOME/.local/bin
id=io.relmap.desktop
files=(
  "$bindir/relmap"
  "$data/applications/$id.desktop"
  "$data/icons/hicolor/256x256/apps/$id.png"
  "$data/mime/packages/$id.xml"
)

refresh() { # the desktop's caches of launchers and MIME types, when it has them
  if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null; then update-desktop-database "$data/applications" >/dev/null 2>&1 || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "${files[@]}"
  refresh
  echo "relmap uninstalled (your maps are left where they are)"
  exit 0
fi

# The fyne tool, from the Go module proxy, once.
fyne=$(command -v fyne || true)
if [ -z "$fyne" ]; then
  echo "installing the fyne packaging tool (fyne.io/tools)…" >&2
  go install fyne.io/tools/cmd/fyne@v1.7.4
  fyne=$(go env GOPATH)/bin/fyne
fi

bash scripts/setup.sh
mkdir -p bin dist
go build -tags x11 -o bin/relmap ./cmd/relmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# fyne package reads FyneApp.toml and writes relmap.tar.xz here; it would
# also count the build up in FyneApp.toml, which stays as it is.
cp FyneApp.toml "$work/FyneApp.toml"
"$fyne" package -os linux --exe bin/relmap --release >/dev/null
cp "$work/FyneApp.toml" FyneApp.toml
mv relmap.tar.xz dist/relmap.tar.xz
if [ "${1:-}" = "--package" ]; then
  echo "wrote dist/relmap.tar.xz"
  exit 0
fi

tar -xJf dist/relmap.tar.xz -C "$work"
pkg=$work/relmap/usr/local
install -Dm755 "$pkg/bin/relmap" "$bindir/relmap"
install -Dm644 "$pkg/share/pixmaps/$id.png" "$data/icons/hicolor/256x256/apps/$id.png"
mkdir -p "$data/applications"
# The package's launcher, opening the map it is given, for .relmap files.
sed -e "s|^Exec=.*|Exec=$bindir/relmap %f|" "$pkg/share/applications/$id.desktop" >"$data/applications/$id.desktop"
printf 'MimeType=application/x-relmap;\nComment=Relationship maps that change over time\nCategories=Office;Graphics;\n' >>"$data/applications/$id.desktop"
mkdir -p "$data/mime/packages"
cat >"$data/mime/packages/$id.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-relmap">
    <comment>relmap map</comment>
    <comment xml:lang="es">mapa de relmap</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <glob pattern="*.relmap"/>
    <icon name="io.relmap.desktop"/>
  </mime-type>
</mime-info>
XML
refresh
echo "relmap installed: $bindir/relmap, its launcher and the .relmap file type"
case ":$PATH:" in *":$bindir:"*) ;; *) echo "note: $bindir is not on your PATH" >&2 ;; esac
