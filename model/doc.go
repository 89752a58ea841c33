// Package model is relmap's domain: actors, the ties between them and the
// events that change them, each valid over partial dates, together with the
// rules that say what is in force on a given day (Snapshot) and when anything
// changes (Keyframes).
//
// It knows nothing of storage or screens: model/sqlite implements Store, the
// importers and exporters live in their own packages below model, and layout,
// render and ui build on the types defined here.
package model
