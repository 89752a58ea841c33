package main

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"relmap/model"
)

// ---- POCOM -----------------------------------------------------------------

const pocomCite = "Principal Officers & Chiefs of Mission, Office of the Historian <https://history.state.gov/departmenthistory/people/chiefsofmission>"

// appointment is one usable row of chiefs_of_mission.csv.
type appointment struct {
	chief, mission, place, orgKind, person, role string
	start, end                                   model.Date
	startFrom                                    string // the column start came from
	endNote                                      string
	endInferred                                  bool
	dates                                        int // how many of the four date cells are filled
}

// person is one row of people.csv.
type person struct {
	id, surname, forename, gen, birth, death, career, state string
}

func runPocom(args []string) (*tables, string, error) {
	fs := flag.NewFlagSet("pocom", flag.ContinueOnError)
	closeOpen := fs.Bool("close-at-successor", false,
		"end an appointment that has no end date on the next appointment's start at the same mission\n(default: leave it open, as the source does)")
	pos, err := parseArgs(fs, args, "SRC_DIR", "OUT_DIR")
	if err != nil {
		return nil, "", err
	}
	var n notes
	people, err := readPeople(filepath.Join(pos[0], "people.csv"))
	if err != nil {
		return nil, "", err
	}
	apps, err := readAppointments(filepath.Join(pos[0], "chiefs_of_mission.csv"), people, &n)
	if err != nil {
		return nil, "", err
	}
	if *closeOpen {
		closeAtSuccessor(apps, &n)
	}
	countOpen(apps, &n)
	n.print("pocom")
	return pocomTables(apps, people), pos[1], nil
}

func readPeople(path string) (map[string]person, error) {
	sh, err := readSheet(path, "person_id", "surname", "forename", "genName", "birth", "death", "career_type", "state")
	if err != nil {
		return nil, err
	}
	people := make(map[string]person, len(sh.rows))
	for _, r := range sh.rows {
		p := person{sh.get(r, "person_id"), sh.get(r, "surname"), sh.get(r, "forename"), sh.get(r, "genName"),
			sh.get(r, "birth"), sh.get(r, "death"), sh.get(r, "career_type"), sh.get(r, "state")}
		people[p.id] = p
	}
	return people, nil
}

// readAppointments reads the usable appointments: those with a start date,
// a known person and a span that covers at least one day. Rows repeating a
// chief_id, person and role keep the one with the most dates.
func readAppointments(path string, people map[string]person, n *notes) ([]*appointment, error) {
	sh, err := readSheet(path, "chief_id", "mission_kind", "territory_id", "contemporary_territory_id",
		"person_id", "role_title_id", "appointed", "arrived", "started", "ended", "ended_note")
	if err != nil {
		return nil, err
	}
	var apps []*appointment
	seen := map[string]*appointment{}
	for _, r := range sh.rows {
		a := parseAppointment(sh, r, n)
		key := a.chief + "|" + a.person + "|" + a.role
		if prev := seen[key]; prev != nil {
			n.add("rows repeat a chief_id, person and role; kept the one with more dates")
			if a.dates > prev.dates {
				*prev = *a
			}
			continue
		}
		seen[key] = a
		apps = append(apps, a)
	}
	return usable(apps, people, n), nil
}

func parseAppointment(sh *sheet, r []string, n *notes) *appointment {
	a := &appointment{
		chief:   sh.get(r, "chief_id"),
		mission: sh.get(r, "territory_id"),
		place:   sh.get(r, "contemporary_territory_id"),
		orgKind: sh.get(r, "mission_kind"),
		person:  sh.get(r, "person_id"),
		role:    sh.get(r, "role_title_id"),
		endNote: strings.Join(strings.Fields(sh.get(r, "ended_note")), " "),
	}
	if a.place == "" {
		a.place = a.mission
	}
	for _, c := range []string{"started", "arrived", "appointed"} {
		d := sourceDate(sh.get(r, c), n)
		if !d.IsZero() {
			a.dates++
			if a.start.IsZero() {
				a.start, a.startFrom = d, c
			}
		}
	}
	if a.end = sourceDate(sh.get(r, "ended"), n); !a.end.IsZero() {
		a.dates++
	}
	return a
}

// sourceDate parses a date cell; a bad one counts as empty.
func sourceDate(v string, n *notes) model.Date {
	d, err := model.ParseDate(v)
	if err != nil {
		n.add("date cells are not YYYY, YYYY-MM or YYYY-MM-DD (read as empty)")
		return model.Date{}
	}
	return d
}

func usable(apps []*appointment, people map[string]person, n *notes) []*appointment {
	var out []*appointment
	for _, a := range apps {
		switch {
		case a.start.IsZero():
			n.add("appointments have no started, arrived or appointed date (dropped)")
		case people[a.person].id == "":
			n.add("appointments name a person missing from people.csv (dropped)")
		case model.Span{Start: a.start, End: a.end}.Check() != nil:
			n.add("appointments end on or before they start (dropped)")
		default:
			out = append(out, a)
		}
	}
	return out
}

// closeAtSuccessor ends each open appointment on the start of the next
// appointment at the same mission that starts later, if there is one.
func closeAtSuccessor(apps []*appointment, n *notes) {
	byMission := map[string][]*appointment{}
	for _, a := range apps {
		byMission[a.mission] = append(byMission[a.mission], a)
	}
	for _, list := range byMission {
		sort.SliceStable(list, func(i, j int) bool { return list[i].start.First() < list[j].start.First() })
		for i, a := range list {
			if !a.end.IsZero() {
				continue
			}
			for _, next := range list[i+1:] {
				if next.start.First() > a.start.First() {
					a.end, a.endInferred = model.DateOfDay(next.start.First()), true
					n.add("open appointments ended on their successor's start (--close-at-successor)")
					break
				}
			}
		}
	}
}

func countOpen(apps []*appointment, n *notes) {
	for _, a := range apps {
		if a.end.IsZero() {
			n.add("appointments have no end date and stay open")
		}
	}
}

// pocomTables builds the map: missions first, then people, each sorted by
// label; ties in source order.
func pocomTables(apps []*appointment, people map[string]person) *tables {
	t := &tables{attrCols: []string{"POCOM ID", "Birth", "Death", "Career", "Home State"}}
	labels := labeler{}
	places := pocomPlaces(apps, labels)
	persons := pocomPersons(apps, people, labels)
	for _, a := range apps {
		t.ties = append(t.ties, tieRow{
			From: persons[a.person].Label, To: places[a.place].Label, Kind: "ambassador",
			Span: model.Span{Start: a.start, End: a.end}, Label: roleTitle(a.role, places[a.place].Label),
			Directed: true, Notes: appointmentNotes(a), Cite: pocomCite,
		})
	}
	t.actors = append(sortedActors(places), sortedActors(persons)...)
	return t
}

func pocomPlaces(apps []*appointment, labels labeler) map[string]*actorRow {
	places := map[string]*actorRow{}
	var ids []string
	for _, a := range apps {
		p := places[a.place]
		if p == nil {
			kind := "country"
			if a.orgKind == "organization" {
				kind = "organisation"
			}
			p = &actorRow{Kind: kind, Cite: pocomCite, Attrs: []string{a.place, "", "", "", ""}}
			places[a.place] = p
			ids = append(ids, a.place)
		}
		if earlier(a.start, p.Life.Start) {
			p.Life.Start = a.start
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		places[id].Label = labels.take(placeName(id))
	}
	return places
}

func pocomPersons(apps []*appointment, people map[string]person, labels labeler) map[string]*actorRow {
	persons := map[string]*actorRow{}
	open := map[string]bool{}
	for _, a := range apps {
		r := persons[a.person]
		if r == nil {
			p := people[a.person]
			r = &actorRow{Kind: "official", Cite: pocomCite, Life: model.Span{Start: a.start},
				Attrs: []string{p.id, p.birth, p.death, p.career, strings.ToUpper(p.state)}}
			persons[a.person] = r
		}
		if earlier(a.start, r.Life.Start) {
			r.Life.Start = a.start
		}
		if a.end.IsZero() {
			open[a.person] = true
		} else if r.Life.End.IsZero() || later(a.end, r.Life.End) {
			r.Life.End = a.end
		}
	}
	for id := range open {
		if open[id] {
			persons[id].Life.End = model.Date{}
		}
	}
	namePersons(persons, people, labels)
	return persons
}

// namePersons labels each person "Forename Surname Jr."; people who share
// a name get their birth year, or else their POCOM id, in parentheses.
func namePersons(persons map[string]*actorRow, people map[string]person, labels labeler) {
	ids := make([]string, 0, len(persons))
	count := map[string]int{}
	for id := range persons {
		ids = append(ids, id)
		count[strings.ToLower(personName(people[id]))]++
	}
	sort.Strings(ids)
	for _, id := range ids {
		p := people[id]
		name := personName(p)
		if count[strings.ToLower(name)] > 1 {
			name += " (" + firstNonEmpty(p.birth, p.id) + ")"
		}
		persons[id].Label = labels.take(name)
	}
}

func personName(p person) string {
	return strings.Join(strings.Fields(p.forename+" "+p.surname+" "+p.gen), " ")
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func sortedActors(m map[string]*actorRow) []actorRow {
	out := make([]actorRow, 0, len(m))
	for _, a := range m {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

func appointmentNotes(a *appointment) string {
	parts := []string{"POCOM " + a.chief}
	if a.startFrom != "started" {
		parts = append(parts, "start is the "+a.startFrom+" date")
	}
	if a.endNote != "" {
		parts = append(parts, "ended: "+a.endNote)
	}
	if a.endInferred {
		parts = append(parts, "no end date in POCOM; ended on the next chief's start")
	}
	return strings.Join(parts, "; ")
}

// placeNames are the missions whose ids do not prettify well. The flattened
// CSVs carry ids only; these follow the names in POCOM's XML.
var placeNames = map[string]string{
	"bosnia-herzegovina":             "Bosnia and Herzegovina",
	"congo-brazzaville":              "Congo (Brazzaville)",
	"congo-kinshasa":                 "Congo (Kinshasa)",
	"cote-divoire":                   "Côte d'Ivoire",
	"guinea-bissau":                  "Guinea-Bissau",
	"micronesia-federated-states-of": "Micronesia, Federated States of",
	"sao-tome-and-principe":          "São Tomé and Príncipe",
	"timor-leste":                    "Timor-Leste",
	"representative-to-asean":        "ASEAN",
	"representative-to-au":           "African Union",
	"representative-to-eu":           "European Union",
	"representative-to-iaea":         "International Atomic Energy Agency",
	"representative-to-icao":         "International Civil Aviation Organization",
	"representative-to-nato":         "NATO",
	"representative-to-oas":          "Organization of American States",
	"representative-to-oecd":         "OECD",
	"representative-to-osce":         "OSCE",
	"representative-to-un":           "United Nations",
	"representative-to-unafa":        "UN Agencies for Food and Agriculture (Rome)",
	"representative-to-unesco":       "UNESCO",
	"representative-to-unido":        "UNIDO",
	"representative-to-usoarn":       "U.S. Office for Arms Reduction Negotiations (Geneva)",
	"representative-uneo":            "UN European Office (Geneva)",
	"representative-unvo":            "UN Vienna Office",
}

// yearSuffix matches the end year POCOM appends to a former state's id
// ("czechoslovakia-1993").
var yearSuffix = regexp.MustCompile(`-(\d{4})$`)

func placeName(id string) string {
	if name, ok := placeNames[id]; ok {
		return name
	}
	if m := yearSuffix.FindStringSubmatch(id); m != nil {
		return prettify(strings.TrimSuffix(id, m[0])) + " (until " + m[1] + ")"
	}
	return prettify(id)
}

// roleTitles are the role ids that do not prettify well.
var roleTitles = map[string]string{
	"ambassador-e-p": "Ambassador Extraordinary and Plenipotentiary",
	"envoy-extraordinary-minister-plenipotentiary":                "Envoy Extraordinary and Minister Plenipotentiary",
	"envoy-extraordinary-minister-plenipotentiary-consul-general": "Envoy Extraordinary and Minister Plenipotentiary/Consul General",
	"charge-daffaires":                 "Chargé d'Affaires",
	"charge-daffaires-ad-interim":      "Chargé d'Affaires ad interim",
	"charge-daffaires-pro-tem":         "Chargé d'Affaires pro tem",
	"charge-daffaires-consul-general":  "Chargé d'Affaires/Consul General",
	"minister-resident-consul-general": "Minister Resident/Consul General",
	"agent-consul-general":             "Agent/Consul General",
	"diplomatic-agent-consul-general":  "Diplomatic Agent/Consul General",
	"commissioner-consul-general":      "Commissioner/Consul General",
}

// roleTitle names a role; the representative-to-X roles name their
// organisation.
func roleTitle(role, place string) string {
	if title, ok := roleTitles[role]; ok {
		return title
	}
	if strings.HasPrefix(role, "representative-") && role != "representative" {
		return "Representative to " + withArticle(place)
	}
	return prettify(role)
}

// withArticle puts "the" before a name whose first word is not an acronym:
// "the United Nations", but "NATO".
func withArticle(name string) string {
	first, _, _ := strings.Cut(name, " ")
	if strings.ToUpper(first) == first {
		return name
	}
	return "the " + name
}

// smallWords stay lower case inside a prettified id.
var smallWords = map[string]bool{"and": true, "of": true, "the": true, "to": true, "ad": true}

// prettify turns "united-kingdom" into "United Kingdom".
func prettify(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if i > 0 && smallWords[w] {
			continue
		}
		r := []rune(w)
		if len(r) > 0 {
			r[0] = unicode.ToUpper(r[0])
		}
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// ---- U.S. diplomatic missions ------------------------------------------------

const (
	missionsCite = "Kenkel, U.S. Diplomatic Mission Status v0.1 <https://github.com/brentonk/us_diplomatic_missions>"
	usLabel      = "United States"
)

// statusRange is one row of a mission_status_range file.
type statusRange struct {
	abbrev, code, name, usdos, status string
	first, last                       model.Day // date_end is inclusive
}

func runMissions(args []string) (*tables, string, error) {
	fs := flag.NewFlagSet("missions", flag.ContinueOnError)
	system := fs.String("system", "cow", "state system whose range file to read: cow or gw")
	pos, err := parseArgs(fs, args, "SRC_DIR", "OUT_DIR")
	if err != nil {
		return nil, "", err
	}
	if *system != "cow" && *system != "gw" {
		return nil, "", fmt.Errorf("%w: --system must be cow or gw, not %q", errUsage, *system)
	}
	var n notes
	ranges, err := readRanges(filepath.Join(pos[0], "mission_status_range_"+*system+"_v0.1.csv"), *system, &n)
	if err != nil {
		return nil, "", err
	}
	horizon := lastDay(ranges)
	var lives map[string]model.Span
	if *system == "cow" {
		if lives, err = readStateList(filepath.Join(pos[0], "cow_statelist2024.csv"), horizon); err != nil {
			return nil, "", err
		}
	}
	t := missionTables(ranges, lives, horizon, strings.ToUpper(*system), &n)
	n.print("missions")
	return t, pos[1], nil
}

func readRanges(path, system string, n *notes) ([]statusRange, error) {
	abbrev, code, name := "country_abbrev_"+system, "country_code_"+system, "country_name_"+system
	sh, err := readSheet(path, abbrev, code, name, "country_name_usdos", "date_start", "date_end", "us_mission_status")
	if err != nil {
		return nil, err
	}
	var out []statusRange
	for _, r := range sh.rows {
		s := statusRange{abbrev: sh.get(r, abbrev), code: sh.get(r, code), name: sh.get(r, name),
			usdos: sh.get(r, "country_name_usdos"), status: sh.get(r, "us_mission_status")}
		var err1, err2 error
		s.first, err1 = model.ParseDay(sh.get(r, "date_start"))
		s.last, err2 = model.ParseDay(sh.get(r, "date_end"))
		switch {
		case err1 != nil || err2 != nil:
			n.add("ranges have a date that is not YYYY-MM-DD (dropped)")
		case s.last < s.first:
			n.add("ranges end before they start (dropped)")
		default:
			out = append(out, s)
		}
	}
	return out, nil
}

// lastDay is the last day the ranges cover: the end of the data, on which
// a range ending means it was still in force.
func lastDay(ranges []statusRange) model.Day {
	last := model.Day(math.MinInt32)
	for _, r := range ranges {
		last = max(last, r.last)
	}
	return last
}

// until is the exclusive End of a span whose last (inclusive) day is last;
// open when last is the end of the data.
func until(last, horizon model.Day) model.Date {
	if last >= horizon {
		return model.Date{}
	}
	return model.DateOfDay(last + 1)
}

// readStateList reads each COW state's membership, from its first entry to
// its last exit, keyed "ABB/code".
func readStateList(path string, horizon model.Day) (map[string]model.Span, error) {
	sh, err := readSheet(path, "stateabb", "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday")
	if err != nil {
		return nil, err
	}
	first, last := map[string]model.Day{}, map[string]model.Day{}
	for _, r := range sh.rows {
		key := sh.get(r, "stateabb") + "/" + sh.get(r, "ccode")
		s, err1 := model.ParseDay(ymd(sh, r, "st"))
		e, err2 := model.ParseDay(ymd(sh, r, "end"))
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad date for %s", path, key)
		}
		if f, ok := first[key]; !ok || s < f {
			first[key] = s
		}
		if l, ok := last[key]; !ok || e > l {
			last[key] = e
		}
	}
	lives := make(map[string]model.Span, len(first))
	for key, f := range first {
		lives[key] = model.Span{Start: model.DateOfDay(f), End: until(last[key], horizon)}
	}
	return lives, nil
}

func ymd(sh *sheet, r []string, prefix string) string {
	pad := func(c string, w int) string {
		return fmt.Sprintf("%0*s", w, sh.get(r, prefix+c))
	}
	return pad("year", 4) + "-" + pad("month", 2) + "-" + pad("day", 2)
}

// missionTables builds the United States, one actor per state and one tie
// per run of days with the same status other than None.
func missionTables(ranges []statusRange, lives map[string]model.Span, horizon model.Day, system string, n *notes) *tables {
	t := &tables{attrCols: []string{system + " Abbrev", system + " Code", "USDOS Name"}}
	labels := labeler{}
	us := actorRow{Label: labels.take(usLabel), Kind: "country", Cite: missionsCite, Life: lives["USA/2"],
		Attrs: []string{"USA", "2", "United States"}}
	t.actors = append(t.actors, us)
	for _, c := range groupCountries(ranges) {
		latest, usdos := c[len(c)-1], latestUSDOS(c)
		a := actorRow{Label: labels.take(latest.name), Kind: "country", Cite: missionsCite,
			Life: lives[latest.abbrev+"/"+latest.code], Attrs: []string{latest.abbrev, latest.code, usdos}}
		t.actors = append(t.actors, a)
		t.ties = append(t.ties, countryTies(c, a.Label, usdos, horizon, n)...)
	}
	return t
}

// groupCountries splits the ranges by state, each in date order, the states
// in the order the file first names them.
func groupCountries(ranges []statusRange) [][]statusRange {
	index := map[string]int{}
	var out [][]statusRange
	for _, r := range ranges {
		key := r.abbrev + "/" + r.code
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], r)
	}
	for _, c := range out {
		sort.SliceStable(c, func(i, j int) bool { return c[i].first < c[j].first })
	}
	return out
}

func latestUSDOS(c []statusRange) string {
	for i := len(c) - 1; i >= 0; i-- {
		if c[i].usdos != "" {
			return c[i].usdos
		}
	}
	return ""
}

// countryTies makes a tie of each run of consecutive ranges with one
// status: ranges split only because the USDOS name changed are one tie.
func countryTies(c []statusRange, to, usdos string, horizon model.Day, n *notes) []tieRow {
	var ties []tieRow
	for i := 0; i < len(c); i++ {
		run, merged := c[i], 0
		names := []string{run.usdos}
		for i+1 < len(c) && c[i+1].status == run.status && c[i+1].first == run.last+1 {
			i++
			run.last, merged = c[i].last, merged+1
			names = appendNew(names, c[i].usdos)
		}
		if strings.EqualFold(run.status, "None") || run.status == "" {
			continue
		}
		for range merged {
			n.add("ranges continue the previous one's status (only the USDOS name changes); merged into its tie")
		}
		ties = append(ties, tieRow{
			From: usLabel, To: to, Kind: slug(run.status), Label: run.status, Directed: true,
			Span:  model.Span{Start: model.DateOfDay(run.first), End: until(run.last, horizon)},
			Notes: usdosNote(names, usdos), Cite: missionsCite,
		})
	}
	return ties
}

func appendNew(list []string, v string) []string {
	for _, s := range list {
		if s == v {
			return list
		}
	}
	return append(list, v)
}

// usdosNote gives the State Department's name(s) for the country during a
// tie when they are not its current one (the actor's USDOS Name).
func usdosNote(names []string, current string) string {
	if len(names) == 1 && (names[0] == "" || names[0] == current) {
		return ""
	}
	return "USDOS name: " + strings.Join(names, "; ")
}

// slug turns "Ambassador Nonresident" into "ambassador-nonresident".
func slug(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "-")
}
