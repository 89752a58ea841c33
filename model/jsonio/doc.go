// Package jsonio reads and writes relmap maps as JSON: the format of the
// embedded default map and of `relmap export --format json`.
package jsonio
