// Package layout places a map's actors so that the picture reads well at
// every date and stays steady as the date moves.
//
// Each keyframe of the map (a day on which anything begins or ends) gets its
// own stress-majorization layout (Gansner, Koren and North, "Graph Drawing by
// Stress Majorization", GD 2004), started from PivotMDS (Brandes and Pich,
// "Eigensolver Methods for Progressive Multidimensional Scaling of Large
// Data", GD 2006) for the first keyframe and from the previous keyframe
// after that, and pulled toward the previous keyframe's positions by a
// stability weight (anchored stress, as in visone's dynamic layout). Node
// boxes include their labels; after layout no two boxes overlap. Between
// keyframes nothing changes; Transition stages the change from one keyframe
// to the next for animation.
//
// Everything here is deterministic: the same map and Options give the same
// positions, bit for bit.
package layout
