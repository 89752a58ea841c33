//go:build !linux

package render

// LowerPriority does nothing here: a thread's priority is set on Linux
// only (see priority_linux.go).
func LowerPriority() {}
