package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// kindPalette are the colours new kinds are given, in order of preference:
// Okabe and Ito's colour-blind-safe set (without black), then Paul Tol's
// bright and muted sets, Tableau's ten, and Tol's vibrant and dark sets:
// qualitative palettes made so that neighbours differ in hue and
// lightness.
var kindPalette = []string{
	"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
	"#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb",
	"#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255",
	"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
	"#0077bb", "#33bbee", "#009988", "#ee7733", "#cc3311", "#ee3377",
	"#222255", "#225555", "#225522", "#666633", "#663333", "#555555",
}

// maxLightness is the lightest a new kind's colour may be (L*): lighter
// lines and shapes fade into the picture's light background.
const maxLightness = 72

// distinctFrom is the smallest colour difference (CIEDE2000) a new kind
// keeps from every colour of its class in the map, where the palette
// allows: below about 10, two colours of thin lines are easily taken for
// one another.
const distinctFrom = 12

// StyleNewKinds returns a style for each kind that the records of add use
// and that neither base nor add declares and the default catalogue lacks,
// in the order they are first used: a colour from kindPalette as far as
// it can be from the colours of the kinds of its class that base and add
// declare or use (never closer than distinctFrom while the palette has such
// a colour), and for actors a shape. With these kinds declared, no two
// kinds of a map are drawn in one colour, which generated colours cannot
// promise.
func StyleNewKinds(base, add *Map) []Kind {
	var out []Kind
	for _, class := range []Class{ClassActor, ClassTie, ClassEvent} {
		used := usedColors(base, add, class)
		declared := map[string]bool{}
		for _, m := range []*Map{base, add} {
			if m == nil {
				continue
			}
			for _, k := range m.Kinds {
				if k.Class == class {
					declared[k.Name] = true
				}
			}
		}
		for _, k := range defaultKinds {
			if k.Class == class {
				declared[k.Name] = true
			}
		}
		for _, name := range kindsUsed(add, class) {
			if declared[name] {
				continue
			}
			declared[name] = true
			k := Kind{Name: name, Class: class, Label: labelOf(name)}
			if class != ClassEvent {
				k.Color = farthestColor(used)
				used = append(used, k.Color)
			}
			if class == ClassActor {
				k.Shape = ShapeHexagon
			}
			out = append(out, k)
		}
	}
	return out
}

// kindsUsed lists the kind names the records of m of class use, in order.
func kindsUsed(m *Map, class Class) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	switch class {
	case ClassActor:
		for _, a := range m.Actors {
			add(a.Kind)
		}
	case ClassTie:
		for _, t := range m.Ties {
			add(t.Kind)
		}
	case ClassEvent:
		for _, e := range m.Events {
			add(e.Kind)
		}
	}
	return out
}

// usedColors are the colours of the kinds of class that base and add
// declare or use.
func usedColors(base, add *Map, class Class) []string {
	var out []string
	for _, m := range []*Map{base, add} {
		if m == nil {
			continue
		}
		for _, k := range m.Kinds {
			if k.Class == class && k.Color != "" {
				out = append(out, k.Color)
			}
		}
		for _, name := range kindsUsed(m, class) {
			if k := m.Kind(class, name); k.Color != "" {
				out = append(out, k.Color)
			}
		}
	}
	return out
}

// labelOf makes a kind's name readable: "persona-non-grata" is "Persona
// non grata".
func labelOf(name string) string {
	s := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	if s == "" {
		return name
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// farthestColor is the first colour of kindPalette, among those dark
// enough to see (maxLightness), at least distinctFrom from every colour in
// used, or, when none is, the one farthest from its nearest.
func farthestColor(used []string) string {
	labs := make([]lab, 0, len(used))
	for _, c := range used {
		if l, ok := labOf(c); ok {
			labs = append(labs, l)
		}
	}
	best, bestGap := kindPalette[0], -1.0
	for _, c := range kindPalette {
		l, _ := labOf(c)
		if l.L > maxLightness {
			continue
		}
		gap := math.Inf(1)
		for _, u := range labs {
			gap = math.Min(gap, deltaE2000(l, u))
		}
		if gap >= distinctFrom {
			return c
		}
		if gap > bestGap {
			best, bestGap = c, gap
		}
	}
	return best
}

// lab is a colour in CIE L*a*b* (D65).
type lab struct{ L, A, B float64 }

// labOf converts a colour written #rrggbb to L*a*b*.
func labOf(hex string) (lab, bool) {
	hex = strings.TrimPrefix(hex, "#")
	v, err := strconv.ParseUint(hex, 16, 32)
	if len(hex) != 6 || err != nil {
		return lab{}, false
	}
	lin := func(c uint64) float64 {
		x := float64(c) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	r, g, b := lin(v>>16&0xff), lin(v>>8&0xff), lin(v&0xff)
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return lab{L: 116*fy - 16, A: 500 * (fx - fy), B: 200 * (fy - fz)}, true
}

// ColorDifference is the CIEDE2000 difference of two colours written
// #rrggbb; an error names one that is not.
func ColorDifference(c1, c2 string) (float64, error) {
	l1, ok1 := labOf(c1)
	l2, ok2 := labOf(c2)
	if !ok1 || !ok2 {
		return 0, fmt.Errorf("%w: colours are written #rrggbb (got %q and %q)", ErrInvalid, c1, c2)
	}
	return deltaE2000(l1, l2), nil
}

// deltaE2000 is the CIEDE2000 colour difference (Sharma, Wu and Dalal,
// "The CIEDE2000 color-difference formula", 2005), with kL = kC = kH = 1.
func deltaE2000(p, q lab) float64 {
	deg := math.Pi / 180
	c1, c2 := math.Hypot(p.A, p.B), math.Hypot(q.A, q.B)
	cm := (c1 + c2) / 2
	g := 0.5 * (1 - math.Sqrt(math.Pow(cm, 7)/(math.Pow(cm, 7)+math.Pow(25, 7))))
	a1, a2 := (1+g)*p.A, (1+g)*q.A
	c1p, c2p := math.Hypot(a1, p.B), math.Hypot(a2, q.B)
	hue := func(b, a float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		h := math.Atan2(b, a) / deg
		if h < 0 {
			h += 360
		}
		return h
	}
	h1, h2 := hue(p.B, a1), hue(q.B, a2)
	dL, dC := q.L-p.L, c2p-c1p
	var dh float64
	switch {
	case c1p*c2p == 0:
	case math.Abs(h2-h1) <= 180:
		dh = h2 - h1
	case h2-h1 > 180:
		dh = h2 - h1 - 360
	default:
		dh = h2 - h1 + 360
	}
	dH := 2 * math.Sqrt(c1p*c2p) * math.Sin(dh/2*deg)
	lm, cmp := (p.L+q.L)/2, (c1p+c2p)/2
	hm := h1 + h2
	switch {
	case c1p*c2p == 0:
	case math.Abs(h1-h2) <= 180:
		hm /= 2
	case h1+h2 < 360:
		hm = (hm + 360) / 2
	default:
		hm = (hm - 360) / 2
	}
	t := 1 - 0.17*math.Cos((hm-30)*deg) + 0.24*math.Cos(2*hm*deg) + 0.32*math.Cos((3*hm+6)*deg) - 0.20*math.Cos((4*hm-63)*deg)
	dTheta := 30 * math.Exp(-math.Pow((hm-275)/25, 2))
	rc := 2 * math.Sqrt(math.Pow(cmp, 7)/(math.Pow(cmp, 7)+math.Pow(25, 7)))
	sl := 1 + 0.015*math.Pow(lm-50, 2)/math.Sqrt(20+math.Pow(lm-50, 2))
	sc := 1 + 0.045*cmp
	sh := 1 + 0.015*cmp*t
	rt := -math.Sin(2*dTheta*deg) * rc
	return math.Sqrt(math.Pow(dL/sl, 2) + math.Pow(dC/sc, 2) + math.Pow(dH/sh, 2) + rt*(dC/sc)*(dH/sh))
}
