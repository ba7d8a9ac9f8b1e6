package loadtest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// startupTimeout bounds how long a server may take to answer /healthz.
const startupTimeout = 10 * time.Minute

// server is `roviec serve` running as a child on a loopback port, with its
// log in a file and its memory sampled.
type server struct {
	cmd     *exec.Cmd
	url     string
	logPath string
	rss     *rssSampler
	done    chan struct{} // closed when the child has exited
	exitErr error         // how it exited, once done is closed
}

// startServer starts `exe serve` on the database db, with scheduled
// reminder passes off, and waits until /healthz answers. It returns the
// server and how long it took to start, on the clock now.
func startServer(ctx context.Context, exe, db, logPath string, now func() time.Time) (*server, time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, 0, err
	}
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, 0, err
	}
	cmd := command(ctx, exe, childEnv(db, "ROVIEC_REMIND_SCHEDULE=off", "ROVIEC_ADDR="+addr,
		"ROVIEC_BASE_URL=http://"+addr), "serve")
	cmd.Stdout, cmd.Stderr = logf, logf
	start := now()
	if err := cmd.Start(); err != nil {
		return nil, 0, errors.Join(fmt.Errorf("start %s serve: %w", exe, err), logf.Close())
	}
	s := &server{cmd: cmd, url: "http://" + addr, logPath: logPath, rss: sampleRSS(cmd.Process.Pid), done: make(chan struct{})}
	go func() {
		s.exitErr = errors.Join(cmd.Wait(), logf.Close())
		close(s.done)
	}()
	if err := s.waitHealthy(ctx); err != nil {
		_, serr := s.stop()
		return nil, 0, errors.Join(err, serr)
	}
	return s, now().Sub(start), nil
}

// waitHealthy polls /healthz until it answers 200, the child exits, ctx
// ends or startupTimeout passes.
func (s *server) waitHealthy(ctx context.Context) error {
	client := &http.Client{Timeout: time.Second}
	timeout := time.NewTimer(startupTimeout)
	defer timeout.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if resp, err := client.Get(s.url + "/healthz"); err == nil {
			_ = resp.Body.Close() // only the status matters
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("serve exited before answering /healthz (%v); see %s", s.exitErr, s.logPath)
		case <-timeout.C:
			return fmt.Errorf("serve did not answer /healthz within %s; see %s", startupTimeout, s.logPath)
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// stop asks the server to shut down (SIGTERM), kills it when it has not
// within childStopGrace, and returns its peak resident memory in kB.
func (s *server) stop() (int64, error) {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return s.rss.Stop(), err
	}
	grace := time.NewTimer(childStopGrace)
	defer grace.Stop()
	select {
	case <-s.done:
	case <-grace.C:
		_ = s.cmd.Process.Kill() // it may have exited meanwhile; Wait tells
		<-s.done
	}
	peak := s.rss.Stop()
	if s.exitErr != nil && !errors.Is(s.exitErr, context.Canceled) { // an interrupted run says so itself
		return peak, fmt.Errorf("serve did not stop cleanly: %w; see %s", s.exitErr, s.logPath)
	}
	return peak, nil
}
