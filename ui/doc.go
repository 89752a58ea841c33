// Package ui is relmap's desktop interface, built with Fyne: the diagram
// widget, the timeline under it, the side panel of details and the forms
// that edit a map. It talks to storage only through model.Store and draws
// only through package render.
package ui
