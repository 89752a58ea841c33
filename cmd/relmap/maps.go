package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
	"relmap/model/sqlite"
	"relmap/render"
)

// loadMap reads the map at path, or the embedded default map when path is
// empty. A missing file is an error, never created by reading.
func loadMap(path string) (*model.Map, error) {
	if path == "" {
		m, err := jsonio.Decode(bytes.NewReader(assets.DefaultMap))
		if err != nil {
			return nil, fmt.Errorf("default map: %w", err)
		}
		return m, nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	st, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	m, err := st.Load(context.Background())
	if err != nil {
		return nil, fmt.Errorf("load map %s: %w", path, err)
	}
	return m, nil
}

// newRenderer makes the renderer of the diagram, with the embedded fonts.
func newRenderer() (*render.Renderer, error) {
	return render.New(assets.FontRegular, assets.FontBold)
}
