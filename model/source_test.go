package model_test

import (
	"errors"
	"testing"

	"relmap/model"
)

func TestSourceGrade(t *testing.T) {
	for _, g := range []string{"", "A", "F"} {
		if err := (model.Source{Title: "El País", Grade: g}).Check(); err != nil {
			t.Errorf("grade %q: %v", g, err)
		}
	}
	err := (model.Source{ID: 3, Title: "El País", Grade: "G"}).Check()
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "grade" || fe.Record != "source 3" {
		t.Errorf("grade G: %v", err)
	}
}
