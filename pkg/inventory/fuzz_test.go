package inventory

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to the loader. Whatever the input, Parse
// must not panic, every position it records must lie inside the file, every
// node of a document's value must be located exactly, and a document's Kind
// and ID must be what its value holds.
//
// Seeds, in testdata/fuzz/FuzzParse: the documents of examples/inventory
// (example-*), the hostile corpus of testdata/hostile (hostile-*) and
// inputs that found bugs (found-*). `make test` runs them; `make fuzz` or
// `go test ./pkg/inventory -run '^$' -fuzz '^FuzzParse$' -fuzztime 60s`
// fuzzes from them.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		var kinds []string
		opts := Options{WantsString: func(kind string, p Path) bool {
			kinds = append(kinds, kind)
			return wantsString(kind, p)
		}}
		done := make(chan *File, 1)
		go func() { done <- Parse("fuzz.yaml", data, opts) }()
		var file *File
		select {
		case file = <-done:
		case <-time.After(10 * time.Second): // a watchdog, not a benchmark
			t.Fatalf("Parse hangs on %q", data)
		}
		lines := sourceLines(data)
		for _, p := range file.Problems {
			if len(p.Path) != 0 {
				t.Errorf("file-level problem %q has a path %s", p.Message, p.Path)
			}
			checkRegion(t, lines, Region{p.Pos, p.End}, "file-level problem "+p.Message)
		}
		if len(file.Docs) == 0 && len(file.Problems) == 0 {
			t.Fatal("no document and no problem: an empty file must be reported")
		}
		for i, d := range file.Docs {
			if d.Index != i || d.File != "fuzz.yaml" {
				t.Errorf("doc %d: index %d file %q", i, d.Index, d.File)
			}
			checkPos(t, lines, d.Start(), "document start")
			checkRegion(t, lines, d.Region(), "document region")
			for key, r := range d.positions {
				checkRegion(t, lines, r.region(), "recorded region of "+key)
			}
			for _, p := range d.Problems {
				checkRegion(t, lines, Region{p.Pos, p.End}, "document problem "+p.Message)
				pos, _ := d.Locate(p.Path)
				checkPos(t, lines, pos, "location of problem path "+p.Path.String())
			}
			// Every node of the value was recorded, and Locate finds it
			// exactly: a finding about any node points at that node.
			walkValue(d.Value, nil, func(p Path) {
				pos, found := d.Locate(p)
				if found.String() != p.String() || !d.Has(p) {
					t.Errorf("Locate(%s) found %s: the node is in the value but has no position", p, found)
				}
				checkPos(t, lines, pos, "Locate("+p.String()+")")
			})
			// Kind and ID are the document's own strings, and they are
			// located.
			obj := d.Object()
			kind, _ := obj["kind"].(string)
			meta, _ := obj["metadata"].(map[string]any)
			id, _ := meta["id"].(string)
			if d.Kind != kind || d.ID != id {
				t.Errorf("Kind/ID = %q/%q, value holds %q/%q", d.Kind, d.ID, kind, id)
			}
			if d.Kind != "" && !d.Has(Path{"kind"}) {
				t.Errorf("Kind %q is not located", d.Kind)
			}
			if d.ID != "" && !d.Has(Path{"metadata", "id"}) {
				t.Errorf("ID %q is not located", d.ID)
			}
		}
		// The kind the loader last used to decide how to read a scalar is
		// the kind of the document the scalar is in (an earlier pass may
		// have guessed it wrong when the kind comes through an alias).
		if len(file.Docs) == 1 && len(file.Problems) == 0 && len(kinds) > 0 {
			if k := kinds[len(kinds)-1]; k != file.Docs[0].Kind {
				t.Errorf("scalars were read as in a %q document, but the document's kind is %q", k, file.Docs[0].Kind)
			}
		}
	})
}

// sourceLines splits the source (without a BOM) into lines twice: as the
// YAML parser counts them (CRLF, CR, LF, NEL, LS and PS end a line) and as
// most tools do (LF alone). A position must be inside the file by one of
// them: the parser's positions follow the first, the loader's own (invalid
// UTF-8, NUL bytes) the second.
func sourceLines(data []byte) [2][]string {
	s := string(bytes.TrimPrefix(data, utf8BOM))
	yamlBreaks := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n")
	return [2][]string{strings.Split(yamlBreaks.Replace(s), "\n"), strings.Split(s, "\n")}
}

// checkPos fails unless pos is a line of the file and a column on that line
// (one past its last character at most).
func checkPos(t *testing.T, lines [2][]string, pos Pos, what string) {
	t.Helper()
	for _, ls := range lines {
		if pos.Line >= 1 && pos.Line <= len(ls) && pos.Column >= 1 && pos.Column <= utf8.RuneCountInString(ls[pos.Line-1])+1 {
			return
		}
	}
	t.Errorf("%s: %d:%d is outside the file (%d lines)", what, pos.Line, pos.Column, len(lines[0]))
}

// checkRegion fails unless both ends of r are in the file and the end does
// not come before the start.
func checkRegion(t *testing.T, lines [2][]string, r Region, what string) {
	t.Helper()
	checkPos(t, lines, r.Start, what+" (start)")
	checkPos(t, lines, r.End, what+" (end)")
	if r.Start.after(r.End) {
		t.Errorf("%s: region %d:%d-%d:%d ends before it starts", what, r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
	}
}

// walkValue calls fn with the path of every map entry and list item.
func walkValue(v any, path Path, fn func(Path)) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			p := path.Child(k)
			fn(p)
			walkValue(child, p, fn)
		}
	case []any:
		for i, child := range x {
			p := path.Child(i)
			fn(p)
			walkValue(child, p, fn)
		}
	}
}
