package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"relmap/model"
)

// A tooltip is drawn inside the diagram, over its picture, rather than as
// a pop-up: a pop-up would take the click that follows for itself.

// hoverDelay is how long the pointer must rest before a tooltip shows.
const hoverDelay = 450 * time.Millisecond

// tooltip is the box the diagram shows its tooltips in.
type tooltip struct {
	box   *fyne.Container
	label *widget.Label
	at    fyne.Position // where the pointer rests, in the diagram
}

func newTooltip() *tooltip {
	t := &tooltip{label: widget.NewLabel("")}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	t.box = container.NewStack(bg, container.NewPadded(t.label))
	t.box.Hide()
	return t
}

// diagramLayout gives the picture the whole diagram and puts the tooltip
// beside the pointer, inside the diagram.
type diagramLayout struct{ d *Diagram }

func (l diagramLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.d.raster.Move(fyne.NewPos(0, 0))
	l.d.raster.Resize(size)
	t := l.d.tip
	if !t.box.Visible() {
		return
	}
	// Above the pointer, where there is room: an actor's name is drawn
	// beneath it, and a tooltip below the pointer covered the name.
	min := t.box.MinSize()
	pos := fyne.NewPos(t.at.X+14, t.at.Y-8-min.Height)
	if pos.X+min.Width > size.Width {
		pos.X = max(0, t.at.X-14-min.Width)
	}
	if pos.Y < 0 {
		pos.Y = t.at.Y + 18
		if pos.Y+min.Height > size.Height {
			pos.Y = max(0, size.Height-min.Height)
		}
	}
	t.box.Move(pos)
	t.box.Resize(min)
}

func (l diagramLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.d.MinSize() }

// restHover (re)starts the wait after which the tooltip for what is under
// the pointer shows; it hides the one on show.
func (d *Diagram) restHover(at fyne.Position) {
	d.hideTip()
	if d.HoverText == nil {
		return
	}
	d.tip.at = at
	if d.hoverTimer != nil {
		d.hoverTimer.Reset(hoverDelay) // one timer for every move of the pointer
		return
	}
	d.hoverTimer = time.AfterFunc(hoverDelay, func() { fyne.Do(d.showTip) })
}

// showTip shows the tooltip of the actor, or else the tie, under the
// resting pointer.
func (d *Diagram) showTip() {
	if d.HoverText == nil || d.drag != dragNone {
		return
	}
	actor, tie := d.actorAt(d.tip.at), model.ID(0)
	if actor == 0 {
		tie = d.tieAt(d.tip.at)
	}
	text := ""
	if actor != 0 || tie != 0 {
		text = d.HoverText(actor, tie)
	}
	if text == "" {
		return
	}
	d.tip.label.SetText(text)
	d.tip.box.Show()
	d.layoutTip()
	d.repaintTip()
}

// repaintTip has the window paint the tooltip's change. The box was hidden
// when the window last looked, so it is refreshed through the diagram's
// canvas, which knows the diagram.
func (d *Diagram) repaintTip() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(d); c != nil {
		c.Refresh(d.tip.box)
	}
	d.tip.box.Refresh()
}

// hideTip hides the tooltip and stops a pending one.
func (d *Diagram) hideTip() {
	if d.hoverTimer != nil {
		d.hoverTimer.Stop()
	}
	if d.tip.box.Visible() {
		d.tip.box.Hide()
		d.repaintTip()
	}
}

// layoutTip places the tooltip again.
func (d *Diagram) layoutTip() {
	diagramLayout{d}.Layout(nil, d.Size())
}
