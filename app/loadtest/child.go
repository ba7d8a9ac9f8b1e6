package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// childStopGrace is how long a child asked to stop (SIGTERM) has before it is killed.
const childStopGrace = 30 * time.Second

// childEnv is the environment of a child roviec on the database db: this
// process's without its ROVIEC_* variables (so no SMTP server, no demo, the
// default time zone: a benchmark never e-mails anyone), plus set.
func childEnv(db string, set ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ROVIEC_") {
			env = append(env, kv)
		}
	}
	return append(append(env, "ROVIEC_DATABASE="+db), set...)
}

// command is exe run as a child with env: asked to stop (SIGTERM) when ctx
// ends and killed childStopGrace later, and killed when this process dies
// (on Linux), so that no child outlives an interrupted benchmark.
func command(ctx context.Context, exe string, env []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = env
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = childStopGrace
	cmd.SysProcAttr = dieWithParent()
	return cmd
}

// freeAddr is a loopback address whose port was free a moment ago.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	return addr, l.Close()
}

// rssKB is a process's resident memory now (VmRSS in /proc/<pid>/status), in kB.
func rssKB(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }() // read-only: closing cannot lose anything
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

// rssSampler follows a process's resident memory (VmRSS) every 100 ms and
// keeps the peak; where there is no /proc the peak stays 0.
type rssSampler struct {
	peak atomic.Int64 // kB
	stop chan struct{}
	done chan struct{}
}

// sampleRSS starts sampling the process pid.
func sampleRSS(pid int) *rssSampler {
	r := &rssSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if kb, err := rssKB(pid); err == nil && kb > r.peak.Load() {
				r.peak.Store(kb)
			}
			select {
			case <-r.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return r
}

// Stop ends the sampling and returns the peak in kB.
func (r *rssSampler) Stop() int64 {
	close(r.stop)
	<-r.done
	return r.peak.Load()
}
