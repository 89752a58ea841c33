// Package csvio reads and writes relmap maps as spreadsheet tables: an
// actors table, a ties table and an events table, each a CSV file whose
// first row names the columns, in the style of Kumu and Gephi.
//
// # Tables
//
// Headers are matched ignoring case, spaces, "_" and "-" ("Belongs To",
// "belongs_to" and "BelongsTo" are one column). Where a column has several
// accepted headers, Write uses the first one listed.
//
// actors.csv:
//
//	Label | Name            the actor's name (required, unique)
//	Type | Kind             its kind; empty or missing means DefaultActorKind
//	Short | Short Name      the short name drawn on the diagram
//	Start, End              its life span
//	Belongs To, Located In  names of other actors
//	Notes | Description
//	Source | Sources | Reference | References | Citation | Citations | Source URL
//	Lives                   the spans of an actor that ceased to exist and came
//	                        back, "1918–1940; 1991–" (– or ..); in place of
//	                        Start and End when not empty
//	any other column        an attribute (Actor.Attrs); empty cells are skipped
//
// A column whose header starts with "attr:" is always an attribute (the
// rest of the header is its name): that is how Write keeps an attribute
// named, say, "Type".
//
// ties.csv (Source means the From actor here, as in Gephi; citations go in
// Reference):
//
//	From | Source, To | Target   names of the two actors (required)
//	Type | Kind                  its kind (required)
//	Start, End
//	Label | Status
//	Directed | Direction         true, false, yes, no, 1, 0, directed,
//	                             undirected, mutual; empty means false
//	Weight                       a number; empty means 0
//	Notes | Description
//	Reference | References | Citation | Citations | Source URL | Source URLs
//	Id                           a whole number naming the tie for the events
//	                             table's Begins and Ends (unique; optional)
//
// events.csv:
//
//	Date                  (required)
//	Type | Kind           its kind; empty or missing means DefaultEventKind
//	Title | Label | Name  (required)
//	Description | Notes
//	Participants | Actors "Name; Name (role)"
//	Source | Sources | Reference | References | Citation | Citations | Source URL
//	Begins, Ends          the Ids of the ties the event begins and ends ("3; 7")
//
// In the ties table, as in the actors table, any other column is an
// attribute (Tie.Attrs). Events have no free attributes: an unknown column
// in their table is an error, so that nothing is dropped silently.
//
// # Values
//
// Cells are trimmed. Dates are YYYY, YYYY-MM or YYYY-MM-DD (model.ParseDate)
// and keep their precision. A name refers to an actor of the import or of
// the map imported into, by its name or else by its short name, ignoring
// case. A participant's role is the text in parentheses after its name; a
// name that itself ends in parentheses is matched whole first.
//
// A source cell lists sources separated by "|". Each is a URL (starting
// with http://, https:// or www.), a title, or "Title <URL>". Equal sources
// are one model.Source, shared with the map imported into when it already
// has it. Publisher, date and quote are not carried by the tables.
//
// Event's Begins and Ends, kind styles, pins and the map's name are not
// carried either; use model/jsonio for a lossless copy.
//
// # Files
//
// Read accepts UTF-8 with or without a byte-order mark, separated by commas,
// semicolons or tabs (guessed from the header row), with quoted cells that
// may span lines. A blank row is skipped. Errors name the file and the row
// as a spreadsheet numbers it (the header is row 1): "ties.csv:7: to: no
// actor is named "Ecuadr"". Read reads each file as a stream and refuses
// one of more than MaxFileSize bytes or with a row of more than
// MaxRecordSize bytes, so that a file that is no table fails at once.
// Write writes UTF-8 without a byte-order mark,
// comma-separated, with "\n" line ends.
package csvio
