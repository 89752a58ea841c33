// Package i18n gives relmap's words in the user's language outside the
// window (the pictures, the command line), from the same translation files
// the window reads through Fyne's lang package (assets.Translations): a
// language is a file, and a word a file lacks stays English.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"relmap/assets"
	"relmap/model"
)

// Lang is one language's words.
type Lang struct {
	code string
	msgs map[string]string
}

// English is relmap's own language: every word as written.
var English = &Lang{code: "en", msgs: map[string]string{}}

// Languages are the codes of the languages relmap speaks, English first.
func Languages() []string {
	out := []string{"en"}
	entries, _ := fs.ReadDir(assets.Translations, "translations")
	for _, e := range entries {
		if code := strings.TrimSuffix(e.Name(), ".json"); code != "en" && strings.HasSuffix(e.Name(), ".json") {
			out = append(out, code)
		}
	}
	return out
}

// Load returns the language of code ("es", or a locale such as "es_EC"
// or "es-MX.UTF-8", read by its language); an error names the languages
// there are.
func Load(code string) (*Lang, error) {
	base := Base(code)
	if base == "en" {
		return English, nil
	}
	if !slices.Contains(Languages(), base) {
		return nil, fmt.Errorf("language %q: relmap speaks %s", code, strings.Join(Languages(), ", "))
	}
	data, err := fs.ReadFile(assets.Translations, path.Join("translations", base+".json"))
	if err != nil {
		return nil, err
	}
	l := &Lang{code: base, msgs: map[string]string{}}
	if err := json.Unmarshal(data, &l.msgs); err != nil {
		return nil, fmt.Errorf("translations %s.json: %w", base, err)
	}
	return l, nil
}

// Base is the language of a locale: "es_EC.UTF-8" is "es"; empty, C and
// POSIX are English.
func Base(locale string) string {
	l := strings.ToLower(strings.TrimSpace(locale))
	if i := strings.IndexAny(l, "_-.@:"); i >= 0 {
		l = l[:i]
	}
	if l == "" || l == "c" || l == "posix" {
		return "en"
	}
	return l
}

// FromEnv is the language the environment asks for (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG, in that order, as the desktop reads them) when relmap
// speaks it, else English.
func FromEnv() *Lang {
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		for _, loc := range strings.Split(os.Getenv(v), ":") {
			if loc == "" {
				continue
			}
			if l, err := Load(loc); err == nil {
				return l
			}
		}
	}
	return English
}

// Code is the language's code.
func (l *Lang) Code() string {
	if l == nil {
		return "en"
	}
	return l.code
}

// T is s in the language, or s when the language lacks it.
func (l *Lang) T(s string) string {
	if l == nil {
		return s
	}
	if t, ok := l.msgs[s]; ok && t != "" {
		return t
	}
	return s
}

// dateFormat is the key of the long date's pattern.
const dateFormat = "{{.Day}} {{.Month}} {{.Year}}"

// Date writes a day the language's long way: "7 April 2024", "7 de abril
// de 2024".
func (l *Lang) Date(d model.Day) string {
	t := d.Time()
	pattern := l.T(dateFormat)
	r := strings.NewReplacer("{{.Day}}", fmt.Sprint(t.Day()), "{{.Month}}", l.T(t.Month().String()), "{{.Year}}", fmt.Sprint(t.Year()))
	return r.Replace(pattern)
}

// monthFormat is the key of a month's pattern.
const monthFormat = "{{.Month}} {{.Year}}"

// Known writes a date as far as it is known, the language's long way:
// "2024", "April 2024" ("abril de 2024"), "7 April 2024".
func (l *Lang) Known(d model.Date) string {
	t := d.First().Time()
	switch d.Precision {
	case model.PrecisionYear:
		return fmt.Sprint(t.Year())
	case model.PrecisionMonth:
		return strings.NewReplacer("{{.Month}}", l.T(t.Month().String()), "{{.Year}}", fmt.Sprint(t.Year())).Replace(l.T(monthFormat))
	}
	return l.Date(d.First())
}

// thousands is the key of the separator of thousands.
const thousands = "{{thousands}}"

// Count writes a whole number the language's way: "10,000" in English,
// "10 000" (a no-break space) in Spanish; a number under 10,000 has no
// separator ("2014"), as Spanish style books ask.
func (l *Lang) Count(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	sep := l.T(thousands)
	if sep == thousands {
		sep = "," // English, and a language that does not say
	}
	if len(digits) <= 4 {
		return sign + digits
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return b.String()
}

// decimal is the key of the decimal separator.
const decimal = "{{decimal}}"

// Decimal writes a number strconv wrote ("60.5", "3.7") with the
// language's decimal separator: "60,5" in Spanish.
func (l *Lang) Decimal(number string) string {
	sep := l.T(decimal)
	if sep == decimal {
		return number // English, and a language that does not say
	}
	return strings.Replace(number, ".", sep, 1)
}

// KindLabel is a kind's label in the language when it is the built-in
// catalogue's label for that kind; a label the user wrote stays as
// written.
func (l *Lang) KindLabel(k model.Kind) string {
	label := k.DisplayName()
	if builtInLabels[kindKey{k.Class, k.Name}] == label {
		return l.T(label)
	}
	return label
}

// kindKey names a kind: its class and name.
type kindKey struct {
	class model.Class
	name  string
}

// builtInLabels are the catalogue's labels, by kind.
var builtInLabels = func() map[kindKey]string {
	labels := map[kindKey]string{}
	for _, d := range model.DefaultKinds() {
		labels[kindKey{d.Class, d.Name}] = d.Label
	}
	return labels
}()

// Months are the month names, for the translation files.
var Months = func() []string {
	var out []string
	for m := time.January; m <= time.December; m++ {
		out = append(out, m.String())
	}
	return out
}()
