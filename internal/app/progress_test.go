package app

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// The progress line is rewritten in place and erased at the end; it never
// starts when standard error is not a terminal or with --quiet.
func TestProgress(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	start, ticks := make(chan time.Time), make(chan time.Time)
	p := newProgress(&buf, start, ticks)
	p.update(3, 10)
	start <- time.Time{} // shows 3 of 10, then waits for a tick
	p.update(10, 10)
	ticks <- time.Time{} // received once the first line is out; shows 10 of 10
	p.end()
	out := buf.String()
	for _, want := range []string{"\r\x1b[Kifacelint: 3 of 10 files read", "\r\x1b[Kifacelint: 10 of 10 files read"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output %q lacks %q", out, want)
		}
	}
	if !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress output %q does not end by erasing the line", out)
	}

	// A run that ends before the delay shows nothing.
	buf.Reset()
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
