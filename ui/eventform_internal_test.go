package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"relmap/model"
	"relmap/model/storetest"
)

func TestEventFormRefusesBadInput(t *testing.T) {
	te := newTestEditor(t)
	before := len(te.stored(t).Events)
	f := te.newEventEditor(model.Event{})
	f.when.SetText("2024-13-40")
	f.kind.SetText("raid")
	f.title.SetText("  ")
	f.addParticipant("Atlantis", "")
	f.addTie(0, endsChoice)
	if f.save() {
		t.Fatal("save() = true with a bad date, no title, an unknown participant and an unchosen tie")
	}
	for field, want := range map[string]string{
		"date": "not a date", "title": "required", "participants": "Atlantis", "ties": "choose a tie",
	} {
		if got := f.message(field); !strings.Contains(got, want) {
			t.Errorf("message beside %s = %q, want it to mention %q", field, got, want)
		}
	}
	if got := len(te.reopened(t).Events); got != before {
		t.Errorf("%d events in the file, want %d", got, before)
	}
	f.title.SetText("Raid")
	f.participants[0].actor.SetText("Ecuador")
	if f.message("title") != "" || f.message("participants") != "" || f.message("date") == "" {
		t.Errorf("after fixing the title and the participant the messages say title %q, participants %q, date %q",
			f.message("title"), f.message("participants"), f.message("date"))
	}
	// The message about a row goes with the row.
	for _, o := range f.links[0].box.(*fyne.Container).Objects {
		if b, ok := o.(*dialogButton); ok {
			test.Tap(b)
		}
	}
	if len(f.links) != 0 || f.message("ties") != "" {
		t.Errorf("after removing the unchosen tie's row: %d rows, the message beside ties %q", len(f.links), f.message("ties"))
	}
	if got := understood("2024-04"); got != "month: April 2024" {
		t.Errorf("understood(2024-04) = %q", got)
	}
	if got := understood("2024-04-05"); got != "day: 5 April 2024" {
		t.Errorf("understood(2024-04-05) = %q", got)
	}
}

// TestEventEndsATie makes an event end an open tie from the tie's side
// panel, with the tie's end set to the event's date, as one undoable
// change; the panel and tooltip then show the event, and a tie whose end
// disagrees with it is flagged.
func TestEventEndsATie(t *testing.T) {
	te := newTestEditor(t)
	var tie model.Tie
	for _, x := range te.doc.m.Ties {
		begins, ends := te.doc.m.EventsOfTie(x.ID)
		if x.Span.End.IsZero() && len(begins)+len(ends) == 0 {
			tie = x
			break
		}
	}
	if tie.ID == 0 {
		t.Fatal("the default map has no open tie without events")
	}
	before := te.stored(t)
	f := te.newEventEditor(model.Event{Ends: []model.ID{tie.ID},
		Participants: []model.Participant{{Actor: tie.From}, {Actor: tie.To, Role: "target"}}})
	f.when.SetText("2024-05-01")
	f.kind.SetText("statement")
	f.title.SetText("Ties cut")
	if !f.save() {
		t.Fatalf("save() = false: date %q, title %q, ties %q, top %q", f.message("date"), f.message("title"), f.message("ties"), f.message(""))
	}
	te.settle(t)
	ev := f.event
	if ev.ID == 0 || !slices.Equal(ev.Ends, []model.ID{tie.ID}) || len(ev.Participants) != 2 || ev.Participants[1].Role != "target" {
		t.Fatalf("saved event %+v", ev)
	}
	ended, _ := te.doc.m.Tie(tie.ID)
	if ended.Span.End != model.MustDate("2024-05-01") {
		t.Errorf("the tie ends %q, want the event's date", ended.Span.End)
	}
	if got := te.hoverText(0, tie.ID); !strings.Contains(got, "Ended by Ties cut (2024-05-01)") {
		t.Errorf("the tie's tooltip says %q", got)
	}
	te.SelectTie(tie.ID)
	if panel := strings.Join(texts(te.side.Objects), "\n"); !strings.Contains(panel, "Ended by: 2024-05-01  Ties cut") || strings.Contains(panel, "⚠") {
		t.Errorf("the tie's panel says:\n%s", panel)
	}

	t.Run("a tie whose end disagrees is flagged", func(t *testing.T) {
		moved := ended
		moved.Span.End = model.MustDate("2024-06")
		if _, err := te.apply(model.Change{Summary: "Edit Tie", Put: model.Records{Ties: []model.Tie{moved}}}); err != nil {
			t.Fatal(err)
		}
		te.settle(t)
		te.SelectTie(tie.ID)
		panel := strings.Join(texts(te.side.Objects), "\n")
		if !strings.Contains(panel, "⚠ It is ended by \"Ties cut\" on 2024-05-01 but it ends on 2024-06.") {
			t.Errorf("the tie's panel says:\n%s", panel)
		}
		te.undo()
		te.settle(t)
	})
	t.Run("one undo takes back the event and the tie's end", func(t *testing.T) {
		te.undo()
		te.settle(t)
		if got := te.stored(t); len(got.Events) != len(before.Events) || !reflect.DeepEqual(got.Ties, before.Ties) {
			t.Error("undo did not bring the map back to before the event")
		}
	})
	t.Run("delete", func(t *testing.T) {
		te.redo()
		te.settle(t)
		saved, ok := te.doc.m.Event(ev.ID)
		if !ok {
			t.Fatal("redo did not bring the event back")
		}
		te.deleteEvent(saved)
		te.settle(t)
		if _, ok := te.doc.m.Event(ev.ID); ok {
			t.Error("the event is still there")
		}
		if got, _ := te.doc.m.Tie(tie.ID); got.Span.End != model.MustDate("2024-05-01") {
			t.Error("deleting the event changed the tie")
		}
	})
}

// TestEventTiesOnABigMap: on a map of many ties, a tie row offers the
// ties of the event's participants, not every tie.
func TestEventTiesOnABigMap(t *testing.T) {
	te := newTestEditor(t)
	te.doc.m = storetest.Generated(1000, 2000)
	f := te.newEventEditor(model.Event{})
	f.addTie(0, endsChoice)
	if n := len(f.links[0].tie.Options); n != 0 {
		t.Errorf("with no participants a row offers %d ties", n)
	}
	f.addParticipant("Actor 000001", "")
	f.addTie(0, endsChoice)
	opts := f.links[1].tie.Options
	if len(opts) == 0 || len(opts) > 50 {
		t.Fatalf("with one participant a row offers %d ties", len(opts))
	}
	for _, o := range opts {
		if !strings.Contains(o, "Actor 000001") {
			t.Errorf("offered %q", o)
		}
	}
}

// What is wrong with a kind shows where its hint (a kind that is new)
// shows, not a line below it: the form had an empty line between the
// field and its message.
func TestAKindsMessageTakesItsHintsPlace(t *testing.T) {
	te := newTestEditor(t)
	f := te.newEventEditor(model.Event{})
	f.kind.SetText("")
	if f.save() {
		t.Fatal("an event without a date, a kind or a title was saved")
	}
	n := f.errs["kind"]
	if n == nil || n != f.hinted["kind"] {
		t.Fatal("the kind's message is not in its hint's note")
	}
	if !n.failing || !strings.Contains(n.label.Text, "kind") {
		t.Errorf("the kind's note says %q", n.label.Text)
	}
	f.kind.SetText("sanctions")
	if n.failing || !strings.Contains(n.label.Text, "not a kind of this map yet") {
		t.Errorf("after typing a new kind the note says %q (failing %v), want the hint", n.label.Text, n.failing)
	}
}

// An actor listed twice among an event's participants is refused, under
// the second row: it was saved twice.
func TestAnEventListsAParticipantOnce(t *testing.T) {
	te := newTestEditor(t)
	f := te.newEventEditor(model.Event{})
	f.when.SetText("2024-04-05")
	f.kind.SetText("raid")
	f.title.SetText("Raid")
	f.addParticipant("Ecuador", "raider")
	f.addParticipant("  ecuador ", "")
	if f.save() {
		t.Fatal("save() = true with Ecuador listed twice")
	}
	if got := f.message("participants"); !strings.Contains(got, "participant 2: 'Ecuador' is listed already") {
		t.Errorf("the message beside the participants is %q", got)
	}
}
