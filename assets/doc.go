// Package assets holds what relmap embeds: the default map (the April 2024
// Mexico–Ecuador crisis), the application icon and the fonts the diagram is
// drawn with.
package assets
