package inventory

import (
	"fmt"
	"strings"
	"testing"
)

// Regressions found while fuzzing the loader (FuzzParse) and hardening it:
// each names the place a finding must point at.

// A syntax error at the end of the input is inside the file, not on a line
// past its end (yaml.v3 reports the end of input one line further down).
func TestSyntaxErrorAtEndOfInput(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src  string
		line int
	}{
		"unclosed flow sequence, no newline": {"[", 1},
		"unclosed flow mapping, no newline":  {"a: 1\nb: {", 2},
		"unclosed, final newline":            {"a: 1\nb: [\n", 2},
		"unclosed, CRLF":                     {"a: 1\r\nb: [\r\n", 2},
		"unclosed, CR only":                  {"a: 1\rb: [", 2},
		"error inside the file is unchanged": {"a: 1\nb: [unclosed\nc: 2\n", 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := Parse("e.yaml", []byte(tc.src), Options{})
			if len(f.Problems) != 1 {
				t.Fatalf("problems %v, want one syntax error", f.Problems)
			}
			if p := f.Problems[0]; p.Pos != (Pos{tc.line, 1}) {
				t.Errorf("%q at %d:%d, want %d:1", p.Message, p.Pos.Line, p.Pos.Column, tc.line)
			}
		})
	}
}

// The kind decides how scalars are read; a kind written through an alias
// or a merge key counts as much as a plain one.
func TestKindThroughAliasOrMerge(t *testing.T) {
	t.Parallel()
	// Like the schema: metadata.id is a string in the two known kinds only.
	wants := func(kind string, p Path) bool {
		return (kind == "Interface" || kind == "ThirdParty") && p.String() == "metadata.id"
	}
	tests := map[string]string{
		"plain": "kind: Interface\nmetadata: {id: 0042}\n",
		"alias": "x-k: &k Interface\nkind: *k\nmetadata: {id: 0042}\n",
		"merge": "x-b: &b {kind: Interface}\n<<: *b\nmetadata: {id: 0042}\n",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := Parse("k.yaml", []byte(src), Options{WantsString: wants})
			if len(f.Problems) != 0 || len(f.Docs) != 1 {
				t.Fatalf("problems %v", f.Problems)
			}
			d := f.Docs[0]
			if d.Kind != "Interface" || d.ID != "0042" {
				t.Errorf("kind/id = %q/%q, want Interface/0042 (the id read as text, as in an Interface)", d.Kind, d.ID)
			}
		})
	}
}

// With `<<: [*p, *q]` the first mapping wins a key shared with the second;
// the key's position is that of the value kept.
func TestMergeListPositionOfWinner(t *testing.T) {
	t.Parallel()
	src := "x-p: &p {a: 1, n: {b: 1}}\nx-q: &q {a: 2, c: 3, n: {b: 2}}\nx-m: {<<: [*p, *q]}\n"
	f := Parse("m.yaml", []byte(src), Options{})
	if len(f.Problems) != 0 || len(f.Docs) != 1 {
		t.Fatalf("problems %v", f.Problems)
	}
	d := f.Docs[0]
	m := d.Object()["x-m"].(map[string]any)
	if fmt.Sprint(m["a"]) != "1" {
		t.Fatalf("x-m.a = %v, want 1 (the first mapping wins)", m["a"])
	}
	tests := map[string]struct {
		path Path
		want Pos
	}{
		"shared key at the first mapping's key": {Path{"x-m", "a"}, Pos{1, 10}},
		"nested shared key likewise":            {Path{"x-m", "n", "b"}, Pos{1, 20}},
		"key only in the second mapping":        {Path{"x-m", "c"}, Pos{2, 16}},
	}
	for name, tc := range tests {
		if pos, _ := d.Locate(tc.path); pos != tc.want {
			t.Errorf("%s: Locate(%s) = %v, want %v", name, tc.path, pos, tc.want)
		}
	}
}

// A duplicate key that holds a credential is reported at its mapping,
// without naming it, when the caller says what a credential looks like.
func TestDuplicateCredentialKey(t *testing.T) {
	t.Parallel()
	const key = "AKIAABCDEFGHIJKLMNOP"
	redact := func(s string) bool { return s == key }
	f := Parse("d.yaml", []byte("labels:\n  "+key+": a\n  "+key+": b\n  k: 1\n  k: 2\n"), Options{Redact: redact})
	if len(f.Docs) != 1 || len(f.Docs[0].Problems) != 2 {
		t.Fatalf("want two duplicate-key problems, got %v %v", f.Problems, f.Docs)
	}
	secret, plain := f.Docs[0].Problems[0], f.Docs[0].Problems[1]
	if secret.Path.String() != "labels" || secret.Pos != (Pos{3, 3}) || strings.Contains(secret.Message, key) {
		t.Errorf("credential key: %s at %v %q, want labels at 3:3 without the key", secret.Path, secret.Pos, secret.Message)
	}
	if plain.Path.String() != "labels.k" || !strings.Contains(plain.Message, `duplicate key "k"`) {
		t.Errorf("plain key: %s %q, want it named", plain.Path, plain.Message)
	}
}
