//go:build !linux

package loadtest

import (
	"os"
	"syscall"
)

// dieWithParent is Linux only; elsewhere an interrupted benchmark still
// stops its children, but one killed outright may leave them running.
func dieWithParent() *syscall.SysProcAttr { return nil }

// maxRSSKB is unknown (0) outside Linux, where rusage counts in other units.
func maxRSSKB(*os.ProcessState) int64 { return 0 }
