//go:build linux

package loadtest

import (
	"os"
	"syscall"
)

// dieWithParent makes the kernel kill a child when this process dies, even
// by SIGKILL, so that no server is left running on its port.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// maxRSSKB is the peak resident memory of an exited child in kB, from the
// rusage wait4 returned.
func maxRSSKB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
