package assets

import (
	"embed"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// DefaultMap is the JSON of the map a new user sees first: the 2024
// Mexico–Ecuador crisis, built from Mexico News Daily's report of April 2024.
//
//go:embed default-map.json
var DefaultMap []byte

// DefaultMapFile is the file name the default map is copied to in the
// user's data folder.
const DefaultMapFile = "mexico-ecuador-2024.relmap"

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// FontRegular and FontBold are the TrueType fonts of the diagram (the Go
// fonts, BSD licence), shared by the screen and every export.
var (
	FontRegular = goregular.TTF
	FontBold    = gobold.TTF
)

// Translations are the app's words in each language it speaks, a JSON
// file a language named by its code (en.json, es.json), each mapping the
// English text to its translation, as Fyne's lang package and relmap's
// i18n read them. A third language is a third file.
//
//go:embed translations/*.json
var Translations embed.FS

// Guide is the user guide, a Markdown file a language (guide/en.md,
// guide/es.md), shown by Help → User Guide.
//
//go:embed guide/*.md
var Guide embed.FS

// Version is relmap's version, as FyneApp.toml gives it (a test keeps the
// two the same).
const Version = "0.1.0"

// Licence is relmap's licence, and the sources of what it ships.
const Licence = "relmap's own licence is not chosen yet. " +
	"The diagram's fonts are the Go fonts (BSD licence, golang.org/x/image/font/gofont). " +
	"The default map is built from Mexico News Daily's report of April 2024, " +
	"\"Mexico breaks diplomatic relations with Ecuador after police raid embassy in Quito\", " +
	"and The New York Times' report it quotes."
