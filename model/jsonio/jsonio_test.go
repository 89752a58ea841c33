package jsonio_test

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
)

func TestDecodeRejectsBadInputWithItsPlace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"when the JSON is cut short, names the line", "{\n\"name\": \"x\",\n", "unexpected EOF"},
		{"when a value has the wrong type, names line and column", "{\n\"name\": 5}", "line 2"},
		{"when a key is misspelt, names the key", `{"name":"x","actorz":[]}`, `unknown field "actorz"`},
		{"when a date does not parse, says why", `{"name":"x","actors":[{"id":1,"name":"a","kind":"country","life":{"start":"2024-13"}}],"ties":[]}`, "month must be 01 to 12"},
		{"when a tie refers to a missing actor, names the tie", `{"name":"x","actors":[{"id":1,"name":"a","kind":"country"}],"ties":[{"id":7,"kind":"relations","from":1,"to":2}]}`, "tie 7: to: no actor has id 2"},
		{"when two values follow each other, refuses the second", `{"name":"x","actors":[],"ties":[]} {}`, "more than one value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := jsonio.Decode(strings.NewReader(tt.in))
			if err == nil || m != nil {
				t.Fatalf("got map %v, error %v; want an error", m, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if !errors.Is(err, model.ErrInvalid) && !errors.Is(err, model.ErrNotFound) && !errors.Is(err, model.ErrDate) && !strings.Contains(err.Error(), "EOF") {
				t.Errorf("error %q wraps none of the model's errors", err)
			}
		})
	}
}

func TestEncodeThenDecodeGivesTheSameMap(t *testing.T) {
	t.Parallel()
	want, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := jsonio.Encode(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := jsonio.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the map changed on its way through JSON")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"name":"x","actors":[{"id":1,"name":"a","kind":"country"}],"ties":[]}`)
	f.Add(`{"actors":[{"id":1,"name":"a","kind":"k","life":{"start":"2023-12","end":"2024"}}],"ties":[],"pins":{"1":{"x":1,"y":2}}}`)
	f.Fuzz(func(t *testing.T, in string) {
		m, err := jsonio.Decode(strings.NewReader(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := jsonio.Encode(&buf, m); err != nil {
			t.Fatalf("encode an accepted map: %v", err)
		}
		again, err := jsonio.Decode(&buf)
		if err != nil {
			t.Fatalf("decode what Encode wrote: %v", err)
		}
		if !reflect.DeepEqual(again, m) {
			t.Fatal("an accepted map changed on its way through JSON")
		}
	})
}

func TestDecodeRefusesPinsOutsideTheBound(t *testing.T) {
	t.Parallel()
	const actors = `"actors":[{"id":1,"name":"Mexico","kind":"country"},{"id":2,"name":"Ecuador","kind":"country"}],"ties":[]`
	tests := []struct {
		name, pins string
	}{
		{"when a pin is at 1e18, should name the actor", `{"1":{"x":0,"y":0},"2":{"x":1e18,"y":0}}`},
		{"when a pin is at -1e300 in y, should name the actor", `{"2":{"x":0,"y":-1e300}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := jsonio.Decode(strings.NewReader(`{"name":"x",` + actors + `,"pins":` + tt.pins + `}`))
			if err == nil || m != nil {
				t.Fatalf("got map %v, error %v; want an error", m, err)
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("error %q, want one wrapping %v", err, model.ErrInvalid)
			}
			if want := `actor "Ecuador"`; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q, want it to name %s", err, want)
			}
		})
	}
}

func TestEncodeLeavesOutPinsOutsideTheBound(t *testing.T) {
	t.Parallel()
	m := &model.Map{
		Name:   "x",
		Actors: []model.Actor{{ID: 1, Name: "Mexico", Kind: "country"}, {ID: 2, Name: "Ecuador", Kind: "country"}},
		Ties:   []model.Tie{},
		Pins:   map[model.ID]model.Point{1: {X: 3, Y: 4}, 2: {X: math.Inf(1), Y: 1e18}},
	}
	var buf bytes.Buffer
	if err := jsonio.Encode(&buf, m); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	got, err := jsonio.Decode(&buf)
	if err != nil {
		t.Fatalf("Decode what Encode wrote: %v", err)
	}
	if want := map[model.ID]model.Point{1: {X: 3, Y: 4}}; !reflect.DeepEqual(got.Pins, want) {
		t.Errorf("pins %v, want %v", got.Pins, want)
	}
	if len(m.Pins) != 2 {
		t.Errorf("Encode changed the map's pins: %v", m.Pins)
	}
}
