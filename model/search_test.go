package model_test

import (
	"testing"

	"relmap/model"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"  López Obrador ": "lopez obrador", "ÉCUADOR": "ecuador", "Łódź": "łodz", "": ""} {
		if got := model.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearch(t *testing.T) {
	m := &model.Map{Actors: []model.Actor{
		{ID: 1, Name: "Andrés Manuel López Obrador", Short: "AMLO", Kind: "official"},
		{ID: 2, Name: "Lopez Museum", Kind: "organisation"},
		{ID: 3, Name: "Embassy of Mexico in Quito", Kind: "mission", Attrs: map[string]string{"city": "Quito"}},
		{ID: 4, Name: "Jorge Glas", Kind: "official", Notes: "Sheltered by López Obrador's government."},
		{ID: 5, Name: "Ecuador", Kind: "country"},
	}}
	names := func(ms []model.Match) []string {
		var out []string
		for _, x := range ms {
			out = append(out, x.Actor.Name+"/"+x.Field)
		}
		return out
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"lopez", []string{"Lopez Museum/name", "Andrés Manuel López Obrador/name", "Jorge Glas/notes"}},
		{"amlo", []string{"Andrés Manuel López Obrador/short name"}},
		{"QUITO", []string{"Embassy of Mexico in Quito/name"}},
		{"sheltered", []string{"Jorge Glas/notes"}},
		{"  ", nil},
		{"peru", nil},
		// Typed without spaces, a query finds the text with them; with
		// spaces, only as typed.
		{"jorgeglas", []string{"Jorge Glas/name"}},
		{"lopezobrador", []string{"Andrés Manuel López Obrador/name", "Jorge Glas/notes"}},
		{"jorge g las", nil},
	} {
		if got := names(m.Search(tt.query)); !equalStrings(got, tt.want) {
			t.Errorf("Search(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
