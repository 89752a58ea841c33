package ui

import (
	"io/fs"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"relmap/assets"
	"relmap/i18n"
)

// helpMenu is the Help menu: the keyboard shortcuts, the user guide and
// About.
func (e *Editor) helpMenu() *fyne.Menu {
	return fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("Keyboard Shortcuts"), e.shortcutsDialog),
		fyne.NewMenuItem(lang.L("User Guide"), e.guideWindow),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("About relmap"), e.aboutDialog))
}

// shortcut is a keyboard shortcut as the shortcuts list shows it.
type shortcut struct {
	keys, what string
}

// shortcuts lists every shortcut the window has: each menu item's, by its
// menu, and the keys that work on the picture.
func (e *Editor) shortcuts() []shortcut {
	var out []shortcut
	var walk func(path string, items []*fyne.MenuItem)
	walk = func(path string, items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				walk(path+" > "+it.Label, it.ChildMenu.Items)
			}
			if it.Shortcut != nil {
				label := strings.TrimSuffix(it.Label, "…")
				// Undo and Redo are named after what they would do now
				// ("Undo Map Properties"); the list names them as such.
				switch it {
				case e.undoItem:
					label = lang.L("Undo")
				case e.redoItem:
					label = lang.L("Redo")
				}
				out = append(out, shortcut{keys: shortcutText(it.Shortcut), what: path + " > " + label})
			}
		}
	}
	if menu := e.win.MainMenu(); menu != nil {
		for _, m := range menu.Items {
			walk(m.Label, m.Items)
		}
	}
	// Redo's second shortcut, which the menu cannot show.
	for i, sc := range out {
		if sc.keys == "Ctrl+Shift+Z" {
			out = slices.Insert(out, i+1, shortcut{keys: "Ctrl+Y", what: sc.what})
			break
		}
	}
	listed := map[string]bool{}
	for _, sc := range out {
		listed[sc.keys] = true
	}
	keyNames := map[fyne.KeyName]string{
		fyne.KeyDelete: lang.L("Delete the selected actor or tie"),
		fyne.KeyEscape: lang.L("End a focus, path or comparison, then the selection"),
		fyne.KeyLeft:   lang.L("Select the actor to the left, a tied one first"),
		fyne.KeyRight:  lang.L("Select the actor to the right, a tied one first"),
		fyne.KeyUp:     lang.L("Select the actor above, a tied one first"),
		fyne.KeyDown:   lang.L("Select the actor below, a tied one first"),
		fyne.KeySpace:  lang.L("Play or pause the timeline"),
	}
	for _, k := range e.keys0 {
		if what, ok := keyNames[k.key]; ok && !listed[keyText(k.key)] {
			out = append(out, shortcut{keys: keyText(k.key), what: what})
		}
	}
	return out
}

// shortcutText writes a shortcut the way menus show it: "Ctrl+Shift+Z".
func shortcutText(sc fyne.Shortcut) string {
	switch sc := sc.(type) {
	case *desktop.CustomShortcut:
		var parts []string
		mods := sc.Modifier
		if mods&fyne.KeyModifierShortcutDefault != 0 {
			parts = append(parts, "Ctrl")
			mods &^= fyne.KeyModifierShortcutDefault
		}
		for _, m := range []struct {
			mod  fyne.KeyModifier
			name string
		}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierShift, "Shift"}, {fyne.KeyModifierSuper, "Super"}} {
			if mods&m.mod != 0 {
				parts = append(parts, m.name)
			}
		}
		return strings.Join(append(parts, keyText(sc.KeyName)), "+")
	case *fyne.ShortcutUndo:
		return "Ctrl+Z"
	case *fyne.ShortcutRedo:
		return "Ctrl+Y"
	case *fyne.ShortcutCopy:
		return "Ctrl+C"
	case *fyne.ShortcutPaste:
		return "Ctrl+V"
	}
	return sc.ShortcutName()
}

// keyText names a key: "=" for KeyEqual.
func keyText(k fyne.KeyName) string {
	switch k {
	case fyne.KeyEqual:
		return "="
	case fyne.KeyMinus:
		return "-"
	case fyne.KeyComma:
		return ","
	case fyne.KeyLeftBracket:
		return "["
	case fyne.KeyRightBracket:
		return "]"
	case fyne.KeyLeft:
		return lang.L("Left")
	case fyne.KeyRight:
		return lang.L("Right")
	case fyne.KeyDelete:
		return lang.L("Del") // as the menus show it, and as the language's keyboards name it
	}
	return lang.L(string(k))
}

// shortcutsDialog lists the keyboard shortcuts.
func (e *Editor) shortcutsDialog() {
	list := e.shortcuts()
	grid := container.NewGridWithColumns(2)
	for _, s := range list {
		grid.Add(widget.NewLabelWithStyle(s.keys, fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(s.what))
	}
	d := dialog.NewCustom(lang.L("Keyboard Shortcuts"), lang.L("Close"), container.NewVScroll(grid), e.win)
	d.Resize(fyne.NewSize(620, 600))
	d.Show()
}

// guideText is the user guide in the window's language (English when it
// has none).
func guideText() string {
	code := i18n.FromEnv().Code()
	data, err := fs.ReadFile(assets.Guide, "guide/"+code+".md")
	if err != nil {
		data, _ = fs.ReadFile(assets.Guide, "guide/en.md")
	}
	return string(data)
}

// guideWindow shows the user guide in a window of its own.
func (e *Editor) guideWindow() {
	a := fyne.CurrentApp()
	text := widget.NewRichTextFromMarkdown(guideText())
	text.Wrapping = fyne.TextWrapWord
	w := a.NewWindow(lang.L("User Guide") + " — relmap")
	w.SetContent(container.NewVScroll(container.NewPadded(text)))
	closesByKey(w)
	w.Resize(fyne.NewSize(720, 720))
	w.Show()
}

// closesByKey makes Escape and Ctrl+W close w, a window of the app's
// beside the main one (the guide, small multiples).
func closesByKey(w fyne.Window) {
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.Canvas().AddShortcut(ctrl(fyne.KeyW, 0), func(fyne.Shortcut) { w.Close() })
}

// aboutText is what About says: the version, the licence and the sources
// of what relmap ships.
func aboutText() string {
	version := assets.Version
	if a := fyne.CurrentApp(); a != nil && a.Metadata().Version != "" {
		version = a.Metadata().Version
	}
	return "relmap " + version + "\n\n" + lang.L("A relationship map that changes over time.") + "\n\n" + lang.L(assets.Licence)
}

// aboutDialog says which relmap this is.
func (e *Editor) aboutDialog() {
	text := widget.NewLabel(aboutText())
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("About relmap"), lang.L("Close"), text, e.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}
