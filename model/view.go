package model

import (
	"context"
	"math"
	"strings"
)

// View is a named way of looking at a map: the kinds the filter hides,
// whether it shows only the actors with ties on the date, the measure
// actors are sized by ("" for none) and whether they are coloured by
// community; and, when it was saved with them, the date shown, where the
// picture was panned and zoomed to, and the actor selected.
type View struct {
	Name        string `json:"name"`
	Hidden      []Kind `json:"hidden,omitempty"` // by class and name
	SizeBy      string `json:"sizeBy,omitempty"`
	ByCommunity bool   `json:"byCommunity,omitempty"`
	// Attr and AttrValue, when Attr is set, show only the actors whose
	// attribute Attr has the value AttrValue.
	Attr      string `json:"attr,omitempty"`
	AttrValue string `json:"attrValue,omitempty"`
	// TiedOnly shows only the actors with a tie on the date shown.
	TiedOnly bool `json:"tiedOnly,omitempty"`
	// Date is the date shown (YYYY-MM-DD); "" keeps the date on show.
	Date string `json:"date,omitempty"`
	// Camera is where the picture was panned and zoomed to. Fitted, when
	// Camera is nil, fits the picture to the map; with neither, the
	// picture stays where it is.
	Camera *Camera `json:"camera,omitempty"`
	Fitted bool    `json:"fitted,omitempty"`
	// Selected is the actor selected; 0 for none.
	Selected ID `json:"selected,omitempty"`
}

// Camera is a place on the map, in map units, shown at a zoom (pixels a
// unit at UI scale 1) in the middle of the picture.
type Camera struct {
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Zoom float64 `json:"zoom"`
}

// Check returns the rule the view breaks: it needs a name; its date, if
// any, is a day; its camera, if any, is on the drawing area at a zoom
// above 0.
func (v View) Check() error {
	if strings.TrimSpace(v.Name) == "" {
		return fieldError("view", "name", says("a name is required"), ErrInvalid)
	}
	if v.Date != "" {
		if _, err := ParseDay(v.Date); err != nil {
			return fieldError("view", "date", says("%q is not a day (YYYY-MM-DD)", v.Date), ErrInvalid)
		}
	}
	if c := v.Camera; c != nil {
		if err := (Point{X: c.X, Y: c.Y}).Check(); err != nil {
			said, _ := err.(*Message)
			return fieldError("view", "camera", said, ErrInvalid)
		}
		if !(c.Zoom > 0) || math.IsInf(c.Zoom, 0) {
			return fieldError("view", "zoom", says("a zoom is a number above 0, not %v", c.Zoom), ErrInvalid)
		}
	}
	return nil
}

// ViewStore keeps a map's named views.
type ViewStore interface {
	// Views lists the views by name.
	Views(ctx context.Context) ([]View, error)
	// PutView saves v, replacing the view of the same name.
	PutView(ctx context.Context, v View) error
	// DeleteView removes the view named name (ErrNotFound if none).
	DeleteView(ctx context.Context, name string) error
}
