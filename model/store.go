package model

import "context"

// Store keeps a map. Every method owns its transaction: a call that fails
// changes nothing. Implementations return errors that wrap ErrNotFound,
// ErrConflict or ErrInvalid where those apply.
type Store interface {
	// Load reads the whole map.
	Load(ctx context.Context) (*Map, error)
	// PutActor inserts a (ID 0, the new ID is set on a) or updates it.
	PutActor(ctx context.Context, a *Actor) error
	// PutTie inserts or updates t, as PutActor.
	PutTie(ctx context.Context, t *Tie) error
	// PutEvent inserts or updates e, as PutActor.
	PutEvent(ctx context.Context, e *Event) error
	// PutSource inserts or updates s, as PutActor.
	PutSource(ctx context.Context, s *Source) error
	// PutKind inserts or replaces the style of a kind.
	PutKind(ctx context.Context, k Kind) error
	// DeleteActor removes an actor with its ties, pins and event roles.
	DeleteActor(ctx context.Context, id ID) error
	// DeleteTie removes a tie.
	DeleteTie(ctx context.Context, id ID) error
	// DeleteEvent removes an event.
	DeleteEvent(ctx context.Context, id ID) error
	// SetPin fixes an actor's position; ClearPin frees it.
	SetPin(ctx context.Context, actor ID, p Point) error
	ClearPin(ctx context.Context, actor ID) error
	// Merge adds every record of m in one transaction, giving each a new
	// ID and rewriting references among them; it sets m's IDs to the
	// stored ones. All or nothing.
	Merge(ctx context.Context, m *Map) error
	// SetInfo sets the map's name and description.
	SetInfo(ctx context.Context, name, description string) error
	// Close releases the store.
	Close() error
}

// LayoutCache keeps a map's computed layout beside it, so that it is laid
// out once. The store does not read the data; key says what it was
// computed from, and a caller uses the data only when the key matches the
// map as it is now.
type LayoutCache interface {
	// Layout returns the kept layout and its key; an empty key when none
	// is kept.
	Layout(ctx context.Context) (key string, data []byte, err error)
	// PutLayout keeps data under key, replacing what was kept.
	PutLayout(ctx context.Context, key string, data []byte) error
}

// Copier writes a consistent copy of the map file to path while the map
// stays in use: the map as of one moment, compacted, with nothing deleted
// left in it.
type Copier interface {
	CopyTo(ctx context.Context, path string) error
}
