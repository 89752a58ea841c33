package model_test

import (
	"bytes"
	"testing"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
)

// Ids of the default map's records that the tests below rely on. They are
// part of the map's contract: the app and the docs refer to them.
const (
	actorMexico  model.ID = 1
	actorEcuador model.ID = 2

	tieRelations model.ID = 1  // Mexico–Ecuador diplomatic relations
	tieSevered   model.ID = 2  // Mexico→Ecuador relations broken
	tieSerurPost model.ID = 5  // Serur, ambassador to Ecuador
	tieGlasRefug model.ID = 8  // Glas living in the Quito embassy
	tieGlasPrisn model.ID = 11 // Glas imprisoned by Ecuador
)

func decodeDefaultMap(t *testing.T) *model.Map {
	t.Helper()
	m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatalf("decode default map: %v", err)
	}
	return m
}

func TestDefaultMapDecodes(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	if m.Name == "" {
		t.Error("the default map has no name")
	}
	if len(m.Kinds) != 0 {
		t.Errorf("got %d kinds, want none (the defaults apply)", len(m.Kinds))
	}
}

func TestDefaultMapCounts(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	tests := []struct {
		name string
		got  int
		min  int
	}{
		{"actors", len(m.Actors), 20},
		{"ties", len(m.Ties), 25},
		{"events", len(m.Events), 10},
		{"sources", len(m.Sources), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got < tt.min {
				t.Errorf("got %d %s, want at least %d", tt.got, tt.name, tt.min)
			}
		})
	}
}

func TestDefaultMapEveryRecordCitesASource(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	t.Run("actors", func(t *testing.T) {
		t.Parallel()
		for _, a := range m.Actors {
			if len(a.Sources) == 0 {
				t.Errorf("actor %d %q cites no source", a.ID, a.Name)
			}
		}
	})
	t.Run("ties", func(t *testing.T) {
		t.Parallel()
		for _, tie := range m.Ties {
			if len(tie.Sources) == 0 {
				t.Errorf("tie %d (%s) cites no source", tie.ID, tie.Kind)
			}
		}
	})
	t.Run("events", func(t *testing.T) {
		t.Parallel()
		for _, e := range m.Events {
			if len(e.Sources) == 0 {
				t.Errorf("event %d %q cites no source", e.ID, e.Title)
			}
		}
	})
}

func TestDefaultMapKinds(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	known := map[model.Class]map[string]bool{}
	for _, k := range model.DefaultKinds() {
		if known[k.Class] == nil {
			known[k.Class] = map[string]bool{}
		}
		known[k.Class][k.Name] = true
	}
	for _, a := range m.Actors {
		if !known[model.ClassActor][a.Kind] {
			t.Errorf("actor %d %q: kind %q is not a default actor kind", a.ID, a.Name, a.Kind)
		}
	}
	for _, tie := range m.Ties {
		if !known[model.ClassTie][tie.Kind] {
			t.Errorf("tie %d: kind %q is not a default tie kind", tie.ID, tie.Kind)
		}
	}
	for _, e := range m.Events {
		if !known[model.ClassEvent][e.Kind] {
			t.Errorf("event %d %q: kind %q is not a default event kind", e.ID, e.Title, e.Kind)
		}
	}
}

func TestDefaultMapWellKnownRecords(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	tests := []struct {
		name     string
		tie      model.ID
		wantKind string
		wantFrom model.ID
		wantTo   model.ID
	}{
		{"relations", tieRelations, "relations", actorMexico, actorEcuador},
		{"severed", tieSevered, "severed", actorMexico, actorEcuador},
		{"serur post", tieSerurPost, "ambassador", mustActor(t, m, "Raquel Serur").ID, actorEcuador},
		{"glas refuge", tieGlasRefug, "refuge", mustActor(t, m, "Jorge Glas").ID, mustActor(t, m, "Mexican Embassy, Quito").ID},
		{"glas imprisoned", tieGlasPrisn, "arrest", actorEcuador, mustActor(t, m, "Jorge Glas").ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := m.Tie(tt.tie)
			if !ok {
				t.Fatalf("no tie %d", tt.tie)
			}
			if got.Kind != tt.wantKind || got.From != tt.wantFrom || got.To != tt.wantTo {
				t.Errorf("tie %d: got %s %d→%d, want %s %d→%d",
					tt.tie, got.Kind, got.From, got.To, tt.wantKind, tt.wantFrom, tt.wantTo)
			}
		})
	}
}

func mustActor(t *testing.T, m *model.Map, name string) model.Actor {
	t.Helper()
	a, err := m.ActorByName(name)
	if err != nil {
		t.Fatalf("actor %q: %v", name, err)
	}
	return a
}

func hasTie(s model.Snapshot, id model.ID) bool {
	for _, t := range s.Ties {
		if t.ID == id {
			return true
		}
	}
	return false
}

func hasTieKind(s model.Snapshot, kind string) bool {
	for _, t := range s.Ties {
		if t.Kind == kind {
			return true
		}
	}
	return false
}

func TestDefaultMapSnapshots(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	tests := []struct {
		name string
		day  string
		tie  model.ID
		want bool
	}{
		{"relations before the break", "2024-04-05", tieRelations, true},
		{"no severance before the break", "2024-04-05", tieSevered, false},
		{"relations gone on the break", "2024-04-06", tieRelations, false},
		{"severed on the break", "2024-04-06", tieSevered, true},
		{"glas in embassy when he arrives", "2023-12-01", tieGlasRefug, true},
		{"glas in embassy the day before the raid", "2024-04-04", tieGlasRefug, true},
		{"glas out of embassy on the raid", "2024-04-05", tieGlasRefug, false},
		{"glas not in embassy before", "2023-11-30", tieGlasRefug, false},
		{"glas imprisoned after the raid", "2024-04-06", tieGlasPrisn, true},
		{"glas not imprisoned before", "2024-04-04", tieGlasPrisn, false},
		{"serur in post the day before return", "2024-04-06", tieSerurPost, true},
		{"serur post over on return", "2024-04-07", tieSerurPost, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			day, err := model.ParseDay(tt.day)
			if err != nil {
				t.Fatal(err)
			}
			if got := hasTie(m.Snapshot(day), tt.tie); got != tt.want {
				t.Errorf("tie %d on %s: got %v, want %v", tt.tie, tt.day, got, tt.want)
			}
		})
	}
}

func TestDefaultMapSnapshotKinds(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	tests := []struct {
		name string
		day  string
		kind string
		want bool
	}{
		{"no severed tie on 2024-04-05", "2024-04-05", "severed", false},
		{"a severed tie on 2024-04-06", "2024-04-06", "severed", true},
		{"relations on 2024-04-05", "2024-04-05", "relations", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			day := model.MustDate(tt.day).First()
			if got := hasTieKind(m.Snapshot(day), tt.kind); got != tt.want {
				t.Errorf("%s tie on %s: got %v, want %v", tt.kind, tt.day, got, tt.want)
			}
		})
	}
}

func TestDefaultMapKeyframes(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	keys := m.Keyframes()
	t.Run("strictly increasing", func(t *testing.T) {
		t.Parallel()
		for i := 1; i < len(keys); i++ {
			if keys[i] <= keys[i-1] {
				t.Errorf("keyframe %d (%s) is not after keyframe %d (%s)", i, keys[i], i-1, keys[i-1])
			}
		}
	})
	for _, day := range []string{"2024-04-04", "2024-04-05", "2024-04-06", "2024-04-07"} {
		t.Run("has "+day, func(t *testing.T) {
			t.Parallel()
			want := model.MustDate(day).First()
			i := model.KeyframeAt(keys, want)
			if i < 0 || keys[i] != want {
				t.Errorf("keyframes lack %s", day)
			}
		})
	}
}

func TestDefaultMapEventsChangeTheirTies(t *testing.T) {
	t.Parallel()
	m := decodeDefaultMap(t)
	// An event that begins a tie should fall on the tie's first day, and one
	// that ends it on the first day the tie is gone.
	for _, e := range m.Events {
		day := e.Date.First()
		for _, id := range e.Begins {
			tie, _ := m.Tie(id)
			if from, ok := tie.Span.From(); !ok || from != day {
				t.Errorf("event %d %q begins tie %d, which starts %q", e.ID, e.Title, id, tie.Span.Start)
			}
		}
		for _, id := range e.Ends {
			tie, _ := m.Tie(id)
			if until, ok := tie.Span.Until(); !ok || until != day {
				t.Errorf("event %d %q ends tie %d, which ends %q", e.ID, e.Title, id, tie.Span.End)
			}
		}
	}
}
