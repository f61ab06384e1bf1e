package schema

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// FuzzValidate validates whatever the loader makes of arbitrary bytes.
// Validate must not panic, must give the same errors twice, and every
// error must name a node of the document: its path locates inside the file,
// at that node (or, for the document as a whole, at its first key).
//
// Seeds, in testdata/fuzz/FuzzValidate: the documents of
// examples/inventory (example-*), schema-invalid and odd variants of one
// (invalid-*, valid-*), the hostile corpus of testdata/hostile (hostile-*)
// and inputs that found bugs (found-*). `make test` runs them; `make fuzz`
// or `go test ./internal/schema -run '^$' -fuzz '^FuzzValidate$' -fuzztime 60s`
// fuzzes from them.
func FuzzValidate(f *testing.F) {
	v, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := inventory.Parse("fuzz.yaml", data, inventory.Options{WantsString: v.WantsString})
		lines := lineCount(data)
		for _, d := range file.Docs {
			done := make(chan []Error, 1)
			go func() { done <- v.Validate(d.Value) }()
			var errs []Error
			select {
			case errs = <-done:
			case <-time.After(10 * time.Second): // a watchdog, not a benchmark
				t.Fatalf("Validate hangs on %q", data)
			}
			if again := v.Validate(d.Value); !sameErrors(errs, again) {
				t.Errorf("Validate is not deterministic:\n%v\n%v", errs, again)
			}
			for _, e := range errs {
				if e.Message == "" || !utf8.ValidString(e.Message) {
					t.Errorf("error at %s has an empty or invalid message %q", e.Path, e.Message)
				}
				pos, found := d.Locate(e.Path)
				if pos.Line < 1 || pos.Line > lines || pos.Column < 1 {
					t.Errorf("%q: located at %d:%d, outside the file's %d lines", e.Message, pos.Line, pos.Column, lines)
				}
				if found.String() != e.Path.String() {
					t.Errorf("%q: path %s does not name a node of the document (nearest: %s)", e.Message, e.Path, found)
				}
			}
		}
	})
}

func sameErrors(a, b []Error) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Message != b[i].Message || a[i].Path.String() != b[i].Path.String() {
			return false
		}
	}
	return true
}

// lineCount is the number of lines as the YAML parser counts them (CRLF,
// CR, LF, NEL, LS, PS), counting the empty line after a final break.
func lineCount(data []byte) int {
	s := string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	return strings.Count(s, "\n") + 1
}
