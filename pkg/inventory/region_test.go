package inventory

import (
	"fmt"
	"strings"
	"testing"
)

func (r Region) String() string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

// Every recorded node knows where its text ends: a list item at the end of
// the item, a mapping entry at the end of its value. Columns count code
// points, and End is the column after the last character (SARIF's
// endColumn).
func TestLocateRegion(t *testing.T) {
	t.Parallel()
	longLine := "a: [" + strings.Repeat("é, ", 100) + "x]\n" // past several column marks
	tests := map[string]struct {
		src  string
		path Path
		want string
	}{
		"plain":                          {"a: hello\n", Path{"a"}, "1:1-1:9"},
		"plain before a comment":         {"a: hello   # note\n", Path{"a"}, "1:1-1:9"},
		"plain with colons":              {"a: http://x:8/p\n", Path{"a"}, "1:1-1:16"},
		"plain over lines":               {"a: one\n  two\n\n  three\nb: 1\n", Path{"a"}, "1:1-4:8"},
		"plain over lines in a list":     {"a: [x\n  y, z]\n", Path{"a", 0}, "1:5-2:4"},
		"plain list item":                {"l:\n  - one two\n", Path{"l", 0}, "2:5-2:12"},
		"single-quoted, '' escape":       {"a: 'it''s'\n", Path{"a"}, "1:1-1:11"},
		"double-quoted, escapes":         {`a: "q\"x\\"` + "\n", Path{"a"}, "1:1-1:12"},
		"double-quoted over lines":       {"a: \"one\n  two\"\n", Path{"a"}, "1:1-2:7"},
		"quoted key":                     {"\"k.y\": 1\n", Path{"k.y"}, "1:1-1:9"},
		"two-byte UTF-8":                 {"é: ééé\n", Path{"é"}, "1:1-1:7"},
		"three-byte UTF-8":               {"a: 日本語\n", Path{"a"}, "1:1-1:7"},
		"astral, one column each":        {"é: \"😀x\"\nb: 😀😀\n", Path{"é"}, "1:1-1:8"},
		"astral plain":                   {"é: \"😀x\"\nb: 😀😀\n", Path{"b"}, "2:1-2:6"},
		"long non-ASCII line":            {longLine, Path{"a", 100}, "1:305-1:306"},
		"long non-ASCII line, all":       {longLine, Path{"a"}, "1:1-1:307"},
		"literal":                        {"a: |\n  one\n  two\n\nb: 1\n", Path{"a"}, "1:1-3:6"},
		"literal keeps trailing blanks":  {"a: |\n  one  \nb: 1\n", Path{"a"}, "1:1-2:8"},
		"literal, comment less indented": {"a: |-\n  one\n# note\nb: 1\n", Path{"a"}, "1:1-2:6"},
		"literal, comment inside":        {"a: |\n  one\n  # two\nb: 1\n", Path{"a"}, "1:1-3:8"},
		"folded":                         {"a: >\n  one\n   more\n  two\n", Path{"a"}, "1:1-4:6"},
		"indentation indicator":          {"a: |2\n    lead\n  two\nb: 1\n", Path{"a"}, "1:1-3:6"},
		"empty literal":                  {"a: |\nb: 1\n", Path{"a"}, "1:1-1:5"},
		"empty literal, chomping":        {"a: |+\n\nb: 1\n", Path{"a"}, "1:1-1:6"},
		"literal list item":              {"- |\n  x\n- y\n", Path{0}, "1:3-2:4"},
		"literal in a compact map":       {"- a: |\n    x\n  b: 1\n", Path{0, "a"}, "1:3-2:6"},
		"flow mapping":                   {"a: {b: 1, c: [2, 3] }\n", Path{"a"}, "1:1-1:22"},
		"flow entry":                     {"a: {b: 1, c: [2, 3] }\n", Path{"a", "c"}, "1:11-1:20"},
		"flow item":                      {"a: {b: 1, c: [2, 3] }\n", Path{"a", "c", 1}, "1:18-1:19"},
		"flow over lines":                {"a: [\n  1, # one\n  2,\n]\n", Path{"a"}, "1:1-4:2"},
		"empty flow list":                {"a: []\nb: {}\n", Path{"a"}, "1:1-1:6"},
		"empty flow mapping":             {"a: []\nb: { }\n", Path{"b"}, "2:1-2:7"},
		"flow mapping, empty value":      {"a: {b: , c}\nd: 1\n", Path{"a"}, "1:1-1:12"},
		"pair in a flow list":            {"a: [b: 1]\n", Path{"a", 0}, "1:5-1:9"},
		"block mapping":                  {"a:\n  b: 1\n  c:\n    - x\n    - yy\n", Path{"a"}, "1:1-5:9"},
		"block list item":                {"a:\n  b: 1\n  c:\n    - x\n    - yy\n", Path{"a", "c", 1}, "5:7-5:9"},
		"nested lists":                   {"- - a\n  - bb\n", Path{0}, "1:3-2:7"},
		"empty value":                    {"a:\nb: 1\n", Path{"a"}, "1:1-1:3"},
		"empty value, comment":           {"a:   # none\nb: 1\n", Path{"a"}, "1:1-1:3"},
		"empty list item":                {"l:\n  -\n  - x\n", Path{"l", 0}, "2:4-2:4"},
		"tag alone":                      {"a: !!str\nb: 1\n", Path{"a"}, "1:1-1:9"},
		"anchored scalar":                {"a: &x 'v'\n", Path{"a"}, "1:1-1:10"},
		"anchored mapping":               {"a: &m\n  k: v\n", Path{"a"}, "1:1-2:7"},
		"tagged flow list":               {"a: !!seq [1]\n", Path{"a"}, "1:1-1:13"},
		"alias":                          {"a: &x [1, 2]\nb: *x\n", Path{"b"}, "2:1-2:6"},
		"inside an alias":                {"a: &x [1, 2]\nb: *x\n", Path{"b", 1}, "1:11-1:12"},
		"merged key":                     {"base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n", Path{"m", "x"}, "1:11-1:15"},
		"CRLF":                           {"a: one\r\nb: two\r\n", Path{"b"}, "2:1-2:7"},
		"CR":                             {"a: one\rb: [1,\r  2]\r", Path{"b"}, "2:1-3:5"},
		"missing node: its parent":       {"a:\n  b: 1\n", Path{"a", "c"}, "1:1-2:7"},
		"missing root: the document":     {"# head\nkind: X\nspec:\n  a: [1,\n    2]\n# tail\n", Path{"nope"}, "2:1-5:7"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := Parse("r.yaml", []byte(tc.src), Options{})
			if len(f.Problems) != 0 || len(f.Docs) != 1 {
				t.Fatalf("problems %v, documents %d", f.Problems, len(f.Docs))
			}
			r, _ := f.Docs[0].LocateRegion(tc.path)
			if got := r.String(); got != tc.want {
				t.Errorf("LocateRegion(%s) = %s, want %s", tc.path, got, tc.want)
			}
			if pos, _ := f.Docs[0].Locate(tc.path); pos != r.Start {
				t.Errorf("Locate(%s) = %v, LocateRegion starts at %v", tc.path, pos, r.Start)
			}
		})
	}
}

// The document's region runs from its first key to the end of its last
// node, also when the top level is not a mapping.
func TestDocumentRegion(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src  string
		want []string
	}{
		"mapping":              {"a: 1\nb:\n  - x\n", []string{"1:1-3:6"}},
		"two documents":        {"a: 1\n---\nb: [1,\n  2]\n...\n", []string{"1:1-1:5", "3:1-4:5"}},
		"a literal at the top": {"--- |\n foo\n bar\n...\n", []string{"1:5-3:5"}},
		"a list at the top":    {"- a\n- b\n", []string{"1:1-2:4"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := Parse("d.yaml", []byte(tc.src), Options{})
			if len(f.Problems) != 0 || len(f.Docs) != len(tc.want) {
				t.Fatalf("problems %v, documents %d", f.Problems, len(f.Docs))
			}
			for i, d := range f.Docs {
				if got := d.Region().String(); got != tc.want[i] {
					t.Errorf("document %d: region %s, want %s", i+1, got, tc.want[i])
				}
			}
		})
	}
}

// A problem's region: the node it is about, a syntax error's line, the one
// offending character.
func TestProblemRegion(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src  string
		want string
	}{
		"duplicate key":          {"a: 1\nab: 22\nab: 3\n", "3:1-3:3"},
		"complex key":            {"? [k]\n: v\n", "1:3-1:6"},
		"syntax error, line":     {"a: 1\nb: [unclosed  \nc: 2\n", "2:1-2:13"},
		"NUL byte":               {"a: é\x00\n", "1:5-1:6"},
		"invalid UTF-8":          {"a: b\nc: \xff\n", "2:4-2:5"},
		"no document":            {"# only a comment\n", "1:1-1:17"},
		"too deep, rest of line": {strings.Repeat("[", 101) + strings.Repeat("]", 101) + "\n", "1:101-1:203"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := Parse("p.yaml", []byte(tc.src), Options{})
			var ps []Problem
			ps = append(ps, f.Problems...)
			for _, d := range f.Docs {
				ps = append(ps, d.Problems...)
			}
			if len(ps) != 1 {
				t.Fatalf("problems %v, want one", ps)
			}
			if got := (Region{ps[0].Pos, ps[0].End}).String(); got != tc.want {
				t.Errorf("%q: region %s, want %s", ps[0].Message, got, tc.want)
			}
		})
	}
}
