package render

import (
	"runtime"
	"syscall"
)

// LowerPriority locks the calling goroutine to its thread and lowers the
// thread's scheduling priority (nice 10), so that what it does yields the
// cores to the window's own thread when both want them. Call it only in
// a goroutine that ends when its work does: the thread ends with it.
func LowerPriority() {
	runtime.LockOSThread()
	// On Linux a priority set on a thread id holds for that thread alone.
	// A failure leaves the priority as it was, which is only slower.
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), backgroundNice)
}
