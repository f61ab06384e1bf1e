package inventory

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadUpTo: whatever size fstat said, readUpTo returns what the reader
// holds up to the limit, through short reads, and its errors.
func TestReadUpTo(t *testing.T) {
	text := strings.Repeat("0123456789", 300) // 3,000 bytes
	for _, tc := range []struct {
		name        string
		r           func() io.Reader
		size, limit int64
		want        string
		err         bool
	}{
		{"size as said", func() io.Reader { return strings.NewReader(text) }, 3001, 5000, text, false},
		{"grew since fstat", func() io.Reader { return strings.NewReader(text) }, 11, 5000, text, false},
		{"shrank since fstat", func() io.Reader { return strings.NewReader(text[:100]) }, 3001, 5000, text[:100], false},
		{"empty", func() io.Reader { return strings.NewReader("") }, 1, 5000, "", false},
		{"over the limit", func() io.Reader { return strings.NewReader(text) }, 3001, 1001, text[:1001], false},
		{"over a limit under the first buffer", func() io.Reader { return strings.NewReader(text) }, 3001, 7, text[:7], false},
		{"one byte a read", func() io.Reader { return iotest.OneByteReader(strings.NewReader(text)) }, 3001, 5000, text, false},
		{"data then EOF together", func() io.Reader { return iotest.DataErrReader(strings.NewReader(text)) }, 3001, 5000, text, false},
		{"error", func() io.Reader { return iotest.TimeoutReader(iotest.OneByteReader(strings.NewReader(text))) }, 3001, 5000, "", true},
	} {
		got, err := readUpTo(tc.r(), tc.size, tc.limit)
		switch {
		case tc.err && err == nil:
			t.Errorf("%s: no error", tc.name)
		case !tc.err && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.err && !bytes.Equal(got, []byte(tc.want)):
			t.Errorf("%s: %d bytes, want %d", tc.name, len(got), len(tc.want))
		case tc.err && !errors.Is(err, iotest.ErrTimeout):
			t.Errorf("%s: %v, want the reader's error", tc.name, err)
		}
	}
}

// TestPositionKeys: every node of a document, whatever its keys (quoted,
// numeric, merged, through aliases), has its position under the rendering
// of its path (Path.String), which record builds a segment at a time.
func TestPositionKeys(t *testing.T) {
	src := `kind: Interface
base: &base
  "a.b": 1
  list: [x, {y: [1, 2]}]
metadata:
  <<: *base
  id: z
  "": empty
  "0": zero
  labels: {"k 1": v, k2: [[a], [b, {c: d}]]}
alias: *base
`
	f := Parse("p.yaml", []byte(src), Options{})
	if len(f.Docs) != 1 || len(f.Problems) > 0 || len(f.Docs[0].Problems) > 0 {
		t.Fatalf("parse: %+v %+v", f.Problems, f.Docs)
	}
	doc := f.Docs[0]
	var walk func(v any, p Path)
	n := 0
	walk = func(v any, p Path) {
		if len(p) > 0 {
			n++
			if _, ok := doc.positions[p.String()]; !ok {
				t.Errorf("no position under %q", p.String())
			}
		}
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				walk(c, p.Child(k))
			}
		case []any:
			for i, c := range v {
				walk(c, p.Child(i))
			}
		}
	}
	walk(doc.Value, nil)
	if n < 25 || len(doc.positions) < n {
		t.Errorf("%d nodes, %d positions", n, len(doc.positions))
	}
}
