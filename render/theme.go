package render

import (
	"fmt"
	"image/color"
	"strings"
)

// Theme is the look of a picture's ground, text and panels; the kinds'
// colours are the same in every theme.
type Theme string

// The themes: Light (the default), Dark for a dark window, and Print:
// white paper, black text, and no halos or plates behind labels.
const (
	Light Theme = "light"
	Dark  Theme = "dark"
	Print Theme = "print"
)

// Themes lists the themes, Light first.
var Themes = []Theme{Light, Dark, Print}

// ParseTheme reads a theme's name; empty is Light.
func ParseTheme(s string) (Theme, error) {
	if s == "" {
		return Light, nil
	}
	for _, t := range Themes {
		if strings.EqualFold(s, string(t)) {
			return t, nil
		}
	}
	return "", fmt.Errorf("theme %q: want light, dark or print", s)
}

// palette is a theme's colours.
type palette struct {
	background color.NRGBA
	ink, muted color.NRGBA
	// ring is the halo around an actor's shape, plate the plate behind an
	// actor's label and tiePlate behind a tie's; band is under the credit.
	ring, plate, tiePlate, band color.NRGBA
	// panel is the legend's panel, opaque (the map is not painted under
	// it), and rule its edge.
	panel, rule color.NRGBA
}

var palettes = map[Theme]palette{
	Light: {
		background: color.NRGBA{0xfa, 0xfa, 0xf8, 0xff},
		ink:        color.NRGBA{0x22, 0x26, 0x2b, 0xff},
		muted:      color.NRGBA{0x5f, 0x67, 0x70, 0xff},
		ring:       color.NRGBA{0xff, 0xff, 0xff, 0xff},
		plate:      color.NRGBA{0xff, 0xff, 0xff, 0xd8},
		tiePlate:   color.NRGBA{0xff, 0xff, 0xff, 0xe8},
		band:       color.NRGBA{0xfa, 0xfa, 0xf8, 0xe6},
		panel:      color.NRGBA{0xf0, 0xf2, 0xf4, 0xff},
		rule:       color.NRGBA{0xd5, 0xd9, 0xde, 0xff},
	},
	Dark: {
		background: color.NRGBA{0x1e, 0x22, 0x27, 0xff},
		ink:        color.NRGBA{0xe8, 0xea, 0xed, 0xff},
		muted:      color.NRGBA{0xa3, 0xab, 0xb5, 0xff},
		ring:       color.NRGBA{0x1e, 0x22, 0x27, 0xff},
		plate:      color.NRGBA{0x1e, 0x22, 0x27, 0xd8},
		tiePlate:   color.NRGBA{0x1e, 0x22, 0x27, 0xe8},
		band:       color.NRGBA{0x1e, 0x22, 0x27, 0xe6},
		panel:      color.NRGBA{0x26, 0x2b, 0x32, 0xff},
		rule:       color.NRGBA{0x3c, 0x43, 0x4c, 0xff},
	},
	Print: {
		background: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		ink:        color.NRGBA{0x00, 0x00, 0x00, 0xff},
		muted:      color.NRGBA{0x33, 0x33, 0x33, 0xff},
		panel:      color.NRGBA{0xff, 0xff, 0xff, 0xff},
		rule:       color.NRGBA{0x99, 0x99, 0x99, 0xff},
	},
}

// palette is s's theme's colours, with no ground when s is transparent.
func (s *Scene) palette() palette {
	pal, ok := palettes[s.Theme]
	if !ok {
		pal = palettes[Light]
	}
	if s.Transparent {
		pal.background.A = 0
	}
	return pal
}

// Background is the colour pictures in theme t are painted on.
func Background(t Theme) color.NRGBA {
	if pal, ok := palettes[t]; ok {
		return pal.background
	}
	return palettes[Light].background
}
