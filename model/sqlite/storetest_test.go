package sqlite_test

import (
	"path/filepath"
	"testing"

	"relmap/model"
	"relmap/model/sqlite"
	"relmap/model/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) model.Store {
		s, err := sqlite.Open(filepath.Join(t.TempDir(), "map.relmap"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
