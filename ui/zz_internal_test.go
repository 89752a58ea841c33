package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestZZWrapMany(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	defer w.Close()
	texts := []string{
		"Former vice-president Jorge Glas took refuge in the Mexican Embassy and sought asylum, a key figure in the rise of democracy in Ecuador in the late seventies",
		"The raid happened late on Friday night, and Mexico broke diplomatic relations with Ecuador the next day",
	}
	bad := 0
	for width := float32(90); width < 420; width += 3 {
		for _, s := range texts {
			note := newTextArea()
			note.Wrapping = fyne.TextWrapWord
			w.SetContent(note)
			w.Resize(fyne.NewSize(width, 300))
			test.Type(note, s)
			if note.Text != s {
				bad++
				if bad < 5 {
					t.Errorf("width %v: %q", width, note.Text)
				}
			}
		}
	}
	t.Logf("%d bad", bad)
}
