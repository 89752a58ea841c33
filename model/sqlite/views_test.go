package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
)

func TestViewsAreKeptWithTheMap(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "map.relmap")
	s, err := sqlite.Create(path, richMap())
	if err != nil {
		t.Fatal(err)
	}
	officials := model.View{Name: "Without officials", Hidden: []model.Kind{{Class: model.ClassActor, Name: "official"}}, SizeBy: "degree"}
	for _, v := range []model.View{officials, {Name: "By community", ByCommunity: true}} {
		if err := s.PutView(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutView(ctx, model.View{Name: "  "}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("a view without a name: %v, want ErrInvalid", err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.relmap")
	if err := s.CopyTo(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range []string{path, copyPath} {
		s, err := sqlite.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		views, err := s.Views(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(views) != 2 || views[0].Name != "By community" || !equal(views[1], officials) {
			t.Errorf("%s: views %+v, want both, by name", filepath.Base(p), views)
		}
		s.Close()
	}
	s, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.DeleteView(ctx, "By community"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteView(ctx, "By community"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("deleting a view twice: %v, want ErrNotFound", err)
	}
	if views, _ := s.Views(ctx); len(views) != 1 {
		t.Errorf("after a delete %d views remain, want 1", len(views))
	}
}
