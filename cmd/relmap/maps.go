package main

import (
	"bytes"
	"fmt"

	"relmap/assets"
	"relmap/model"
	"relmap/model/jsonio"
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
	m, st, err := openMap(path)
	if err != nil {
		return nil, err
	}
	st.Close()
	return m, nil
}

// newRenderer makes the renderer of the diagram, with the embedded fonts.
func newRenderer() (*render.Renderer, error) {
	return render.New(assets.FontRegular, assets.FontBold)
}
