package render_test

import (
	"context"
	"database/sql"
	"fmt"
	"image"
	"math/rand"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"relmap/layout"
	"relmap/model"
	"relmap/model/sqlite"
	"relmap/render"
)

// keptStore makes a map file holding the default map.
func keptStore(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	m, _, _ := setup(t)
	path := filepath.Join(t.TempDir(), "kept.relmap")
	st, err := sqlite.Create(path, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// layOutKept loads st's map and lays it out through the kept layout,
// reporting whether any layout work was done.
func layOutKept(t *testing.T, r *render.Renderer, st *sqlite.Store, stability float64) (*model.Map, *layout.Timeline, bool) {
	t.Helper()
	ctx := context.Background()
	m, err := st.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reports := 0
	tl, laidOut, err := r.LayoutKept(ctx, m, stability, st, func(int, int) { reports++ })
	if err != nil {
		t.Fatal(err)
	}
	if laidOut != (reports > 0) {
		t.Fatalf("laidOut %v after %d progress reports", laidOut, reports)
	}
	return m, tl, laidOut
}

func TestLayoutKept(t *testing.T) {
	t.Parallel()
	_, r, _ := setup(t)
	ctx := context.Background()

	t.Run("the second time, should use the kept layout and do no layout work", func(t *testing.T) {
		st, _ := keptStore(t)
		_, first, laidOut := layOutKept(t, r, st, 0.5)
		if !laidOut {
			t.Fatal("a new file's first layout did no work")
		}
		_, second, laidOut := layOutKept(t, r, st, 0.5)
		if laidOut {
			t.Error("the second layout did work; want the kept one")
		}
		if !reflect.DeepEqual(second.Frames(), first.Frames()) {
			t.Error("the kept layout's frames differ from the first")
		}
	})

	t.Run("after an edit, should lay out again", func(t *testing.T) {
		st, _ := keptStore(t)
		m, _, _ := layOutKept(t, r, st, 0.5)
		tie := m.Ties[0]
		tie.Span.Start = model.MustDate("1990")
		if err := st.PutTie(ctx, &tie); err != nil {
			t.Fatal(err)
		}
		if _, _, laidOut := layOutKept(t, r, st, 0.5); !laidOut {
			t.Error("the kept layout was used for an edited map")
		}
	})

	t.Run("after a change of stability, should lay out again", func(t *testing.T) {
		st, _ := keptStore(t)
		layOutKept(t, r, st, 0.5)
		if _, _, laidOut := layOutKept(t, r, st, 0.8); !laidOut {
			t.Error("the layout kept at stability 0.5 was used at 0.8")
		}
	})

	t.Run("for a file from before kept layouts, should migrate it and lay out", func(t *testing.T) {
		st, path := keptStore(t)
		layOutKept(t, r, st, 0.5)
		st.Close()
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		// A file of schema version 1: without the later migrations' tables,
		// index and columns.
		for _, q := range []string{"DROP TABLE layouts", "DROP TABLE history", "DROP INDEX actors_name_key", "DROP TABLE views",
			"ALTER TABLE kinds DROP COLUMN weighted", "ALTER TABLE kinds DROP COLUMN labelled",
			"ALTER TABLE sources DROP COLUMN grade", "ALTER TABLE ties DROP COLUMN attrs", "ALTER TABLE actors DROP COLUMN later",
			// info's source_id has a foreign key, which DROP COLUMN refuses:
			// the table is made again as migration 001 wrote it.
			"DROP TABLE info", "CREATE TABLE info (\n    id          INTEGER PRIMARY KEY CHECK (id = 1),\n" +
				"    name        TEXT NOT NULL DEFAULT '',\n    description TEXT NOT NULL DEFAULT ''\n)",
			"INSERT INTO info (id) VALUES (1)", "PRAGMA user_version = 1"} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		old, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer old.Close()
		if _, _, laidOut := layOutKept(t, r, old, 0.5); !laidOut {
			t.Error("a migrated file did no layout")
		}
		if _, _, laidOut := layOutKept(t, r, old, 0.5); laidOut {
			t.Error("a migrated file's new layout was not kept")
		}
	})

	t.Run("when the kept layout is damaged, should lay out again", func(t *testing.T) {
		st, _ := keptStore(t)
		m, _, _ := layOutKept(t, r, st, 0.5)
		if err := st.PutLayout(ctx, r.LayoutKey(m, 0.5), []byte("RLT1 garbage")); err != nil {
			t.Fatal(err)
		}
		if _, _, laidOut := layOutKept(t, r, st, 0.5); !laidOut {
			t.Error("a damaged kept layout was used")
		}
	})
}

// longHistory is a generated map of actors who live for some years in a
// century, each tied to others born about when it was, so that the map
// of all dates is a long band and each date shows a small part of it.
func longHistory() *model.Map {
	rng := rand.New(rand.NewSource(9))
	m := &model.Map{Name: "long history"}
	start := model.DayOf(1900, time.January, 1)
	type life struct{ from, until model.Day }
	var lives []life
	for i := range 400 {
		from := start + model.Day(i*90+rng.Intn(90))
		until := from + model.Day(365*(3+rng.Intn(15)))
		lives = append(lives, life{from, until})
		m.Actors = append(m.Actors, model.Actor{ID: model.ID(i + 1), Name: fmt.Sprintf("Actor %d", i+1), Kind: "country",
			Life: model.Span{Start: model.DateOfDay(from), End: model.DateOfDay(until)}})
	}
	for len(m.Ties) < 800 {
		a := rng.Intn(400)
		b := min(399, a+1+rng.Intn(12))
		from, until := max(lives[a].from, lives[b].from), min(lives[a].until, lives[b].until)
		if a == b || until-from < 60 {
			continue
		}
		m.Ties = append(m.Ties, model.Tie{ID: model.ID(len(m.Ties) + 1), Kind: "relations", From: model.ID(a + 1), To: model.ID(b + 1),
			Span: model.Span{Start: model.DateOfDay(from + 10), End: model.DateOfDay(until - 10)}})
	}
	return m
}

// inkBox is the box of the pixels of img that are not the background, in
// the area left of the legend.
func inkBox(img *image.RGBA, legendX int) image.Rectangle {
	bg := img.RGBAAt(0, img.Bounds().Dy()-1)
	box := image.Rectangle{Min: image.Pt(img.Bounds().Dx(), img.Bounds().Dy())}
	for y := 80; y < img.Bounds().Dy(); y++ { // below the header
		for x := 0; x < legendX; x++ {
			if img.RGBAAt(x, y) != bg {
				box.Min.X, box.Min.Y = min(box.Min.X, x), min(box.Min.Y, y)
				box.Max.X, box.Max.Y = max(box.Max.X, x+1), max(box.Max.Y, y+1)
			}
		}
	}
	return box
}

func TestStillFramesItsDate(t *testing.T) {
	t.Parallel()
	_, r, _ := setup(t)
	m := longHistory()
	tl, err := r.Layout(context.Background(), m, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	const w, h, legendX = 1600, 1000, 1600 - 244
	for _, date := range []string{"1930-01-01", "1990-06-01"} {
		day, _ := model.ParseDay(date)
		t.Run("on "+date+", the actors shown should fill the frame", func(t *testing.T) {
			ink := inkBox(r.Still(m, tl, day, render.FrameDate, w, h), legendX)
			if ink.Dx() < legendX/2 && ink.Dy() < (h-80)/2 {
				t.Errorf("the diagram's ink spans %d×%d of %d×%d: less than half either way", ink.Dx(), ink.Dy(), legendX, h-80)
			}
		})
	}
}
