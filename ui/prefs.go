package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/assets"
	"relmap/i18n"
	"relmap/model"
	"relmap/render"
)

// The preferences beside the layout stability and the export's choices.
const (
	langKey    = "ui.language"  // "" for the system's, else a language code
	themeKey   = "ui.theme"     // "", "light" or "dark"
	recentsKey = "files.recent" // how many recent maps File → Open Recent keeps
	welcomeKey = "ui.welcomed"  // the first-run welcome was dismissed
)

// windowLang is the window's language, for the words Fyne's lang does not
// give: the built-in kinds' labels, dates written out.
var windowLang = i18n.English

// kindLabel is a kind's label as the window shows it: a built-in kind's in
// the window's language, one the user named as written.
func kindLabel(k model.Kind) string { return windowLang.KindLabel(k) }

// languageNames name the languages in the Preferences, each in itself.
var languageNames = map[string]string{"": "System", "en": "English", "es": "Español"}

// Setup readies app a before its first window: the language (the
// preference, else the system's) of the window, through Fyne's lang and
// the translation files, and of r's pictures; and the theme the
// preferences ask for.
func Setup(a fyne.App, r *render.Renderer) error {
	if code := a.Preferences().String(langKey); code != "" {
		// Fyne's lang and i18n both read the desktop's language from the
		// environment.
		os.Setenv("LANGUAGE", code)
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("translations: %w", err)
	}
	windowLang = i18n.FromEnv()
	r.SetLang(windowLang)
	applyTheme(a, a.Preferences().String(themeKey))
	return nil
}

// appTheme is Fyne's theme, in one variant when forced (whatever the
// system's), with a modal dialog's background dimmed but not blurred: the
// blur draws the whole window again at every repaint of the dialog (each
// blink of a field's cursor), which software GL (a virtual machine, a
// remote desktop, Xvfb) takes 0.1 to 1 s for, freezing the window.
type appTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
	forced  bool
}

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	return t.Theme.Color(n, v)
}

func (t appTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameModalBlurRadius {
		return 0
	}
	return t.Theme.Size(n)
}

// applyTheme gives the window the theme name asks for: light, dark, or
// (empty) the system's.
func applyTheme(a fyne.App, name string) {
	switch name {
	case "light":
		a.Settings().SetTheme(appTheme{theme.DefaultTheme(), theme.VariantLight, true})
	case "dark":
		a.Settings().SetTheme(appTheme{theme.DefaultTheme(), theme.VariantDark, true})
	default:
		a.Settings().SetTheme(appTheme{Theme: theme.DefaultTheme()})
	}
}

// recentCount is how many recent maps to keep, 1 to 30.
func recentCount() int {
	a := fyne.CurrentApp()
	if a == nil {
		return maxRecent
	}
	n := a.Preferences().IntWithFallback(recentsKey, maxRecent)
	return min(max(n, 1), 30)
}

// preferencesDialog sets the language, theme, layout stability, default
// export choices and how many recent maps to keep, all kept in the app's
// preferences.
func (e *Editor) preferencesDialog() {
	prefs := fyne.CurrentApp().Preferences()
	codes := append([]string{""}, i18n.Languages()...)
	var langNames []string
	for _, c := range codes {
		name := languageNames[c]
		switch {
		case c == "":
			name = lang.L("As the system")
		case name == "":
			name = c
		}
		langNames = append(langNames, name)
	}
	language := newChoice(langNames, nil)
	language.SetSelectedIndex(max(0, indexOf(codes, prefs.String(langKey))))
	themes := []string{"", "light", "dark"}
	themeNames := []string{lang.L("As the system"), lang.L("Light"), lang.L("Dark")}
	look := newRadio(themeNames, nil)
	look.Horizontal = true
	look.SetSelected(themeNames[max(0, indexOf(themes, prefs.String(themeKey)))])
	stable, stableControl := stabilitySlider()
	var formats []string
	for _, f := range render.Formats {
		formats = append(formats, lang.L(formatNames[f]))
	}
	format := newChoice(formats, nil)
	format.SetSelected(lang.L(formatNames[render.Format(prefs.StringWithFallback(exportFormatKey, string(render.PNG)))]))
	dpi := newTextField()
	dpi.SetText(prefs.String(exportDPIKey))
	dpi.SetPlaceHolder(lang.L("none, or e.g. 300 for print"))
	recents := newTextField()
	recents.SetText(strconv.Itoa(recentCount()))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Language"), language),
		widget.NewFormItem("", widget.NewLabel(lang.L("A new language shows when relmap starts again."))),
		widget.NewFormItem(lang.L("Theme"), look),
		widget.NewFormItem(lang.L("Layout stability"), stableControl),
		widget.NewFormItem(lang.L("Export format"), format),
		widget.NewFormItem(lang.L("Export resolution (dpi)"), dpi),
		widget.NewFormItem(lang.L("Recent maps kept"), recents),
	}
	var d dialog.Dialog
	// A value refused opens the dialog again as it was left, with the
	// message over it: nothing chosen is lost.
	refuse := func(err error) {
		d.Show()
		e.showError(err)
	}
	d = dialog.NewForm(lang.L("Preferences"), lang.L("OK"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(recents.Text))
		if err != nil || n < 1 || n > 30 {
			refuse(fmt.Errorf(lang.L("Recent maps kept must be a whole number from 1 to %d."), 30))
			return
		}
		if _, err := exportDPI(dpi.Text); err != nil {
			refuse(err)
			return
		}
		code := codes[max(0, language.SelectedIndex())]
		changed := code != prefs.String(langKey)
		prefs.SetString(langKey, code)
		t := themes[max(0, indexOf(themeNames, look.Selected))]
		prefs.SetString(themeKey, t)
		applyTheme(fyne.CurrentApp(), t)
		prefs.SetInt(recentsKey, n)
		prefs.SetString(exportFormatKey, string(choiceOf(formatNames, format.Selected, render.PNG)))
		prefs.SetString(exportDPIKey, strings.TrimSpace(dpi.Text))
		if err := e.setStability(roundStability(stable.Value)); err != nil {
			e.showError(err)
		}
		e.rebuildMenu()
		if changed && e.Restart != nil {
			name := langNames[max(0, language.SelectedIndex())]
			if code == "" {
				name = lang.L("the system's language")
			}
			e.offerRestart(name)
		}
	}, e.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// offerRestart asks whether to start relmap again now, on the same map,
// to speak the language named: every change is in the map's file already,
// so nothing is lost.
func (e *Editor) offerRestart(name string) {
	msg := widget.NewLabel(fmt.Sprintf(lang.L("relmap speaks %s from its next start. Every change is saved in the map's file: start again now, on this map?"), name))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Language"), lang.L("Restart Now"), lang.L("Later"), msg, func(now bool) {
		if now {
			e.Restart()
		}
	}, e.win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// indexOf is the index of s in list, or -1.
func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// refreshWelcome tells of the map now on show in the welcome banner, if
// it is up: what it says of the default map is not said of another.
func (e *Editor) refreshWelcome() {
	if e.banner == nil || len(e.banner.Objects) == 0 {
		return
	}
	e.banner.RemoveAll()
	e.welcome()
}

// welcome shows, on the first run, a short note on where to start in a
// strip above the picture (which stays usable), until it is dismissed.
func (e *Editor) welcome() {
	a := fyne.CurrentApp()
	if a == nil || e.banner == nil || a.Preferences().Bool(welcomeKey) {
		return
	}
	title := widget.NewLabelWithStyle(lang.L("Welcome to relmap"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := ""
	if filepath.Base(e.doc.path) == assets.DefaultMapFile {
		intro = lang.L("This is the map of the April 2024 crisis between Mexico and Ecuador.") + " "
	}
	text := widget.NewLabel(intro + lang.L("The User Guide (Help menu) tells more.") + "\n" +
		"• " + lang.L("Drag the timeline at the foot of the window, or press Play, to see the ties change.") + "\n" +
		"• " + lang.L("Click an actor to see its ties, dates and sources; drag the background to move, the wheel to zoom.") + "\n" +
		"• " + lang.L("New Map (File menu) starts your own map; Open opens one."))
	text.Wrapping = fyne.TextWrapWord
	done := widget.NewButtonWithIcon(lang.X("welcome.start", "Start"), theme.ConfirmIcon(), func() {
		a.Preferences().SetBool(welcomeKey, true)
		e.banner.RemoveAll()
		e.banner.Refresh()
	})
	done.Importance = widget.HighImportance
	e.banner.Add(container.NewBorder(nil, widget.NewSeparator(), nil, container.NewCenter(done), container.NewVBox(title, text)))
	e.banner.Refresh()
}
