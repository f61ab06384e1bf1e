package app

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// The progress line is rewritten in place and erased at the end; it never
// starts when standard error is not a terminal or with --quiet.
func TestProgress(t *testing.T) {
	t.Parallel()
	w := &writeWatch{wrote: make(chan struct{}, 8)}
	start, ticks := make(chan time.Time), make(chan time.Time)
	p := newProgress(w, start, ticks)
	p.update(3, 10)
	start <- time.Time{} // shows 3 of 10, then waits for a tick
	<-w.wrote            // the first line is out before the run moves on
	p.update(10, 10)
	ticks <- time.Time{} // shows 10 of 10
	<-w.wrote
	p.end()
	out := w.String()
	for _, want := range []string{"\r\x1b[Kifacelint: 3 of 10 files read", "\r\x1b[Kifacelint: 10 of 10 files read"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output %q lacks %q", out, want)
		}
	}
	if !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress output %q does not end by erasing the line", out)
	}

	// A run that ends before the delay shows nothing.
	var buf bytes.Buffer
	p = newProgress(&buf, make(chan time.Time), make(chan time.Time))
	p.update(1, 2)
	p.end()
	if buf.Len() != 0 {
		t.Errorf("a short run printed %q", buf.String())
	}

	// Not a terminal, or --quiet: no progress at all.
	if startProgress(&bytes.Buffer{}, false) != nil {
		t.Error("progress on a writer that is not a terminal")
	}
	if startProgress(os.Stderr, true) != nil {
		t.Error("progress with --quiet")
	}
	var nilProgress *progress
	nilProgress.update(1, 1) // no-ops
	nilProgress.end()
}

// writeWatch is a writer that tells of each write, so that a test can wait
// for the progress line's goroutine (the buffer read under its lock).
type writeWatch struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wrote chan struct{}
}

func (w *writeWatch) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.wrote <- struct{}{}
	return w.buf.Write(b)
}

func (w *writeWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
