package model

import (
	"context"
	"strings"
)

// View is a named way of looking at a map: the kinds the filter hides,
// whether it shows only the actors with ties on the date, the measure
// actors are sized by ("" for none) and whether they are coloured by
// community.
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
}

// Check returns the rule the view breaks: it needs a name.
func (v View) Check() error {
	if strings.TrimSpace(v.Name) == "" {
		return fieldError("view", "name", says("a name is required"), ErrInvalid)
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
