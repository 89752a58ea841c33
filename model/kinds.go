package model

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Class says what a Kind applies to.
type Class string

// The classes of kinds.
const (
	ClassActor Class = "actor"
	ClassTie   Class = "tie"
	ClassEvent Class = "event"
)

// Shapes an actor kind can be drawn as.
const (
	ShapeCircle  = "circle"
	ShapeSquare  = "square"
	ShapeDiamond = "diamond"
	ShapeHexagon = "hexagon"
	ShapePerson  = "person"
)

// Shapes are the shapes an actor kind may have.
var Shapes = []string{ShapeCircle, ShapeSquare, ShapeDiamond, ShapeHexagon, ShapePerson}

// Kind is a named category of actor, tie or event with the style it is drawn
// in. Kinds are data: a map carries its own catalogue and users add to it.
type Kind struct {
	Name  string `json:"name"`
	Class Class  `json:"class"`
	// Label is how the kind is shown in legends and forms.
	Label string `json:"label,omitempty"`
	// Shape is for actor kinds: one of the Shape constants.
	Shape string `json:"shape,omitempty"`
	// Color is "#rrggbb".
	Color string `json:"color,omitempty"`
	// Dashed and Arrow are for tie kinds.
	Dashed bool `json:"dashed,omitempty"`
	Arrow  bool `json:"arrow,omitempty"`
	// Weighted, for tie kinds, draws a tie's weight as its width, and
	// Labelled draws the ties' labels always, not only when they are
	// stressed.
	Weighted bool `json:"weighted,omitempty"`
	Labelled bool `json:"labelled,omitempty"`
}

// DisplayName is the Label, or, when there is no label, the Name as a
// label is written: "trade-partner" is "Trade partner".
func (k Kind) DisplayName() string {
	if k.Label != "" {
		return k.Label
	}
	name := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(k.Name))
	r, size := utf8.DecodeRuneInString(name)
	if size == 0 {
		return k.Name
	}
	return string(unicode.ToUpper(r)) + name[size:]
}

// DefaultKinds is the catalogue for diplomacy that new maps start with.
func DefaultKinds() []Kind {
	return []Kind{
		{Name: "country", Class: ClassActor, Label: "Country", Shape: ShapeCircle, Color: "#2f6db5"},
		{Name: "official", Class: ClassActor, Label: "Official / person", Shape: ShapePerson, Color: "#c2571a"},
		{Name: "mission", Class: ClassActor, Label: "Embassy / mission", Shape: ShapeDiamond, Color: "#2e8b57"},
		{Name: "organisation", Class: ClassActor, Label: "Organisation", Shape: ShapeSquare, Color: "#7a4fb0"},

		{Name: "relations", Class: ClassTie, Label: "Diplomatic relations", Color: "#2f6db5"},
		{Name: "severed", Class: ClassTie, Label: "Relations severed", Color: "#c62828", Dashed: true},
		{Name: "embassy-of", Class: ClassTie, Label: "Embassy of", Color: "#2e8b57", Arrow: true},
		{Name: "located-in", Class: ClassTie, Label: "Located in", Color: "#8d9aa8", Dashed: true, Arrow: true},
		{Name: "holds-office", Class: ClassTie, Label: "Holds office", Color: "#6d4c41", Arrow: true},
		{Name: "ambassador", Class: ClassTie, Label: "Ambassador / envoy", Color: "#00897b", Arrow: true},
		{Name: "member", Class: ClassTie, Label: "Member / works for", Color: "#9e9d24", Arrow: true},
		{Name: "refuge", Class: ClassTie, Label: "Refuge / sheltered in", Color: "#f9a825", Arrow: true},
		{Name: "asylum", Class: ClassTie, Label: "Asylum granted", Color: "#ef6c00", Arrow: true},
		{Name: "arrest", Class: ClassTie, Label: "Arrest / detention", Color: "#b71c1c", Arrow: true},
		{Name: "persona-non-grata", Class: ClassTie, Label: "Persona non grata", Color: "#ad1457", Dashed: true, Arrow: true},
		{Name: "legal-case", Class: ClassTie, Label: "Legal case", Color: "#5e35b1", Dashed: true, Arrow: true},
		{Name: "statement", Class: ClassTie, Label: "Statement / report", Color: "#78909c", Dashed: true, Arrow: true},

		{Name: "took-office", Class: ClassEvent, Label: "Took office"},
		{Name: "refuge", Class: ClassEvent, Label: "Refuge"},
		{Name: "emergency", Class: ClassEvent, Label: "State of emergency"},
		{Name: "diplomatic", Class: ClassEvent, Label: "Diplomatic step"},
		{Name: "asylum", Class: ClassEvent, Label: "Asylum"},
		{Name: "raid", Class: ClassEvent, Label: "Raid"},
		{Name: "arrest", Class: ClassEvent, Label: "Arrest"},
		{Name: "severed", Class: ClassEvent, Label: "Relations broken"},
		{Name: "legal", Class: ClassEvent, Label: "Legal action"},
	}
}

// Kind returns the style of the kind named name in class, falling back to
// a generated style so that user-defined kinds always draw.
func (m *Map) Kind(class Class, name string) Kind {
	for _, k := range m.Kinds {
		if k.Class == class && k.Name == name {
			return k
		}
	}
	for _, k := range defaultKinds {
		if k.Class == class && k.Name == name {
			return k
		}
	}
	return generatedKind(class, name)
}

// defaultKinds is the catalogue DefaultKinds returns copies of, made once
// for lookups: Kind is asked for every actor and tie of every picture.
var defaultKinds = DefaultKinds()

// KindNames lists the names of the kinds of class that the map has, its own
// catalogue first, then defaults it lacks, then any in use but undeclared.
func (m *Map) KindNames(class Class) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, k := range m.Kinds {
		if k.Class == class {
			add(k.Name)
		}
	}
	for _, k := range defaultKinds {
		if k.Class == class {
			add(k.Name)
		}
	}
	for _, n := range kindsUsed(m, class) {
		add(n)
	}
	return out
}

var palette = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"}

func generatedKind(class Class, name string) Kind {
	h := fnv.New32a()
	fmt.Fprint(h, name)
	k := Kind{Name: name, Class: class, Color: palette[h.Sum32()%uint32(len(palette))]}
	if class == ClassActor {
		k.Shape = ShapeHexagon
	}
	return k
}
