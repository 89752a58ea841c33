// Package render draws a relationship map into an image: actors as shapes
// by kind, ties as lines styled by kind (parallel ties drawn apart), labels,
// a legend and the date. The same code paints the desktop diagram and every
// exported PNG, so an export is exactly what the user sees.
//
// It does not import Fyne: callers hand New the font bytes. Drawing uses
// golang.org/x/image/vector (anti-aliased polygons) and opentype text, with
// every primitive clipped to its own bounding box so that a frame costs in
// proportion to what is visible.
package render
