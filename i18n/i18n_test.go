package i18n_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"relmap/assets"
	"relmap/i18n"
	"relmap/model"
)

// messages reads a translation file.
func messages(t *testing.T, code string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(assets.Translations, "translations/"+code+".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

// TestEveryKeyInEveryLanguage: each translation file has every key of the
// others, with a translation, and the same printf verbs in it.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	all := map[string]map[string]string{}
	for _, code := range i18n.Languages() {
		all[code] = messages(t, code)
	}
	for code, msgs := range all {
		for other, theirs := range all {
			for key := range theirs {
				v, ok := msgs[key]
				if !ok || v == "" {
					t.Errorf("%s.json has no %q (which %s.json has)", code, key, other)
					continue
				}
				if a, b := verbs.FindAllString(key, -1), verbs.FindAllString(v, -1); !slices.Equal(a, b) {
					t.Errorf("%s.json: %q has the verbs %v, its key %v", code, v, b, a)
				}
			}
		}
	}
}

// TestNoKeyIsAWordTheFormatKeeps: a key that is one of the words the
// translations' format keeps for a message's parts ("description",
// "other", …) makes Fyne refuse the whole file, and the window spoke no
// translation at all.
func TestNoKeyIsAWordTheFormatKeeps(t *testing.T) {
	kept := []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other"}
	for _, code := range i18n.Languages() {
		for key := range messages(t, code) {
			if slices.Contains(kept, strings.ToLower(key)) {
				t.Errorf("%s.json has the key %q, a word the format keeps", code, key)
			}
		}
	}
}

// TestEveryStringOfTheWindowIsTranslated: every lang.L and lang.X of the
// window's code, and every message of the model's rules it says (see
// model.Message), has its key in the translation files.
func TestEveryStringOfTheWindowIsTranslated(t *testing.T) {
	es := messages(t, "es")
	window, _ := filepath.Glob("../ui/*.go")
	model, _ := filepath.Glob("../model/*.go")
	n := 0
	n += translated(t, es, window, regexp.MustCompile(`lang\.L\(("(?:[^"\\\n]|\\.)*")\)|lang\.X\(("(?:[^"\\\n]|\\.)*"),`))
	if n < 300 {
		t.Errorf("only %d translated strings found in the window's code", n)
	}
	// Counts said as one or as many (see ui.counted).
	str := `"(?:[^"\\\n]|\\.)*"`
	if n := translated(t, es, window, regexp.MustCompile(`counted\([^,()]+(?:\([^()]*\))?, (`+str+`), (`+str+`)\)`)); n < 3 {
		t.Errorf("only %d counts found in the window's code", n)
	}
	if n := translated(t, es, window, regexp.MustCompile(`counted\([^,()]+(?:\([^()]*\))?, `+str+`, (`+str+`)\)`)); n < 3 {
		t.Errorf("only %d counts found in the window's code", n)
	}
	if n := translated(t, es, model, regexp.MustCompile(`says\(("(?:[^"\\\n]|\\.)*")`)); n < 20 {
		t.Errorf("only %d messages found in the model's code", n)
	}
	// The CSV tables' messages.
	tables, _ := filepath.Glob("../model/csvio/*.go")
	if n := translated(t, es, tables, regexp.MustCompile(`invalid\([^,()]+, ("(?:[^"\\\n]|\\.)*")`)); n < 15 {
		t.Errorf("only %d messages found in the CSV tables' code", n)
	}
	// The map file's faults (not a map, damaged, busy…), which the window
	// says when it cannot open or write a map.
	store, _ := filepath.Glob("../model/sqlite/*.go")
	if n := translated(t, es, store, regexp.MustCompile(`model\.Message\{Format: ("(?:[^"\\\n]|\\.)*")`)); n < 15 {
		t.Errorf("only %d messages found in the map file's code", n)
	}
	// What a file in another format could not carry over, which the
	// window says after an import or an export.
	netio, _ := filepath.Glob("../model/netio/*.go")
	if n := translated(t, es, netio, regexp.MustCompile(`\.Note\(("(?:[^"\\\n]|\\.)*")`)); n < 15 {
		t.Errorf("only %d notes found in the file formats' code", n)
	}
	if n := translated(t, es, netio, regexp.MustCompile(`(?:fault|place|p\.fail)\(("(?:[^"\\\n]|\\.)*")`)); n < 40 {
		t.Errorf("only %d faults found in the file formats' code", n)
	}
	// Messages the renderer writes as the model's, for the window to say.
	render, _ := filepath.Glob("../render/*.go")
	if n := translated(t, es, render, regexp.MustCompile(`model\.Message\{Format: ("(?:[^"\\\n]|\\.)*")`)); n < 3 {
		t.Errorf("only %d messages found in the renderer's code", n)
	}
}

var (
	verb  = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	words = regexp.MustCompile(`\pL`)
)

// translated checks that the key of each call in files that calls
// matches (its first or second group, a Go string) is in messages, but
// for keys with no words, and returns how many calls it found.
func translated(t *testing.T, messages map[string]string, files []string, calls *regexp.Regexp) int {
	t.Helper()
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range calls.FindAllSubmatch(src, -1) {
			lit := m[1]
			if lit == nil {
				lit = m[2]
			}
			key, err := strconv.Unquote(string(lit))
			if err != nil {
				t.Fatal(err)
			}
			if !words.MatchString(verb.ReplaceAllString(key, "")) {
				continue // "%s": nothing to translate
			}
			n++
			if _, ok := messages[key]; !ok {
				t.Errorf("%s: %q has no translation", filepath.Base(f), key)
			}
		}
	}
	return n
}

// TestSpanish: the window (through Fyne's lang) and the pictures speak
// Spanish when the desktop does.
func TestSpanish(t *testing.T) {
	t.Setenv("LANGUAGE", "es_EC")
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		t.Fatalf("Fyne cannot read the translation files: %v", err)
	}
	if got := lang.L("File"); got != "Archivo" {
		t.Errorf("lang.L(File) = %q, want Archivo", got)
	}
	l := i18n.FromEnv()
	day, _ := model.ParseDay("2024-04-07")
	if got := l.Date(day); got != "7 de abril de 2024" {
		t.Errorf("the date is %q", got)
	}
	if got := i18n.English.Date(day); got != "7 April 2024" {
		t.Errorf("the English date is %q", got)
	}
	k := model.DefaultKinds()[0]
	if got := l.KindLabel(k); got != "País" {
		t.Errorf("the country kind reads %q", got)
	}
	k.Label = "Nation"
	if got := l.KindLabel(k); got != "Nation" {
		t.Errorf("a kind the user labelled reads %q, want it as written", got)
	}
	if _, err := i18n.Load("fr"); err == nil {
		t.Error("French was loaded")
	}
}

// Counts are grouped in thousands the language's way, from 10,000.
func TestCount(t *testing.T) {
	es, err := i18n.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{0: "0", 2014: "2014", 10000: "10,000", 50000: "50,000", 1234567: "1,234,567", -25000: "-25,000"} {
		if got := i18n.English.Count(n); got != want {
			t.Errorf("English: %d is %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{2014: "2014", 10000: "10\u00a0000", 1234567: "1\u00a0234\u00a0567"} {
		if got := es.Count(n); got != want {
			t.Errorf("Spanish: %d is %q, want %q", n, got, want)
		}
	}
}

// Decimals are written with the language's separator: a point in
// English, a comma in Spanish ("60.5" read as English in the Spanish
// window).
func TestDecimal(t *testing.T) {
	es, err := i18n.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	for number, want := range map[string]string{"60.5": "60,5", "0.50": "0,50", "7": "7", "3.7%": "3,7%"} {
		if got := es.Decimal(number); got != want {
			t.Errorf("Spanish: %s is %q, want %q", number, got, want)
		}
		if got := i18n.English.Decimal(number); got != number {
			t.Errorf("English: %s is %q", number, got)
		}
	}
}
