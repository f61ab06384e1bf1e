package inventory

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// aliasDoc is one document whose aliases create 8,997 nodes: under the
// alias limit and the expansion ratio on its own.
func aliasDoc() string {
	return "---\n" +
		"a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" +
		"a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n" +
		"a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\n" +
		"d: [*a2, *a2, *a2, *a2, *a2, *a2, *a2]\n" +
		"p: [" + strings.TrimSuffix(strings.Repeat("0, ", 60), ", ") + "]\n"
}

// The alias budget covers the whole file: documents that each stay under
// it spend it together, and the file gets one problem, where the budget
// ran out; the rest of the file is not read.
func TestAliasBudgetPerFile(t *testing.T) {
	t.Parallel()
	one := Parse("one.yaml", []byte(aliasDoc()), Options{})
	if len(one.Problems) != 0 || len(one.Docs) != 1 {
		t.Fatalf("one document: problems %v, want none", one.Problems)
	}
	f := Parse("many.yaml", []byte(strings.Repeat(aliasDoc(), 50)), Options{})
	if len(f.Problems) != 1 {
		t.Fatalf("problems %v, want exactly one", f.Problems)
	}
	p := f.Problems[0]
	if want := "aliases create more than 10000 nodes in this file's documents together"; !strings.Contains(p.Message, want) {
		t.Errorf("problem %q, want it to say %q", p.Message, want)
	}
	// The second document (lines 7-12) crosses the budget at a2: its first
	// alias, 10:10.
	if p.Pos != (Pos{Line: 10, Column: 10}) {
		t.Errorf("problem at %v, want 10:10", p.Pos)
	}
	if len(f.Docs) != 1 {
		t.Errorf("%d documents kept, want the first only", len(f.Docs))
	}
}

// A file holds at most MaxDocuments non-empty documents: the first are
// kept, the next one is a problem at its first key, and nothing after it is
// read (a syntax error there is not reported).
func TestMaxDocuments(t *testing.T) {
	t.Parallel()
	src := "---\n---\n" + strings.Repeat("--- {}\n", 5) + "---\nx: 1\n--- [unclosed\n"
	f := Parse("docs.yaml", []byte(src), Options{MaxDocuments: 5})
	if len(f.Docs) != 5 {
		t.Errorf("%d documents kept, want 5", len(f.Docs))
	}
	if len(f.Problems) != 1 {
		t.Fatalf("problems %v, want exactly one", f.Problems)
	}
	p := f.Problems[0]
	if p.Pos != (Pos{Line: 9, Column: 1}) || p.Message != "file holds more than 5 documents; the rest are not read (split it into several files)" {
		t.Errorf("problem %v %q", p.Pos, p.Message)
	}
	if f := Parse("docs.yaml", []byte(strings.Repeat("--- {}\n", 5)+"---\n"), Options{MaxDocuments: 5}); len(f.Problems) != 0 {
		t.Errorf("five documents and an empty one: problems %v, want none", f.Problems)
	}
	if DefaultMaxDocuments != 1000 {
		t.Errorf("DefaultMaxDocuments = %d, want the documented 1000", DefaultMaxDocuments)
	}
}

// Parsing stops when its context is done, with the context's error and no
// result: a time-out is not a finding about the file.
func TestParseContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, src := range map[string]string{
		"documents":       strings.Repeat("--- {a: 1}\n", 100),
		"one big list":    "a: [" + strings.Repeat("1, ", 100000) + "1]\n",
		"alias expansion": aliasDoc(),
	} {
		f, err := ParseContext(ctx, "c.yaml", []byte(src), Options{})
		if !errors.Is(err, context.Canceled) || f != nil {
			t.Errorf("%s: ParseContext = %v, %v; want nil, context.Canceled", name, f, err)
		}
	}
	f, err := ParseContext(context.Background(), "c.yaml", []byte(aliasDoc()), Options{})
	if err != nil || len(f.Docs) != 1 {
		t.Fatalf("ParseContext = %v, %v", f, err)
	}
}

// A context that ends in the middle of a document stops the YAML parser
// (it reads through ctxReader) and the conversion (which checks it every
// checkEvery nodes).
func TestParseStopsMidDocument(t *testing.T) {
	t.Parallel()
	src := "a: [" + strings.Repeat("1, ", 100000) + "1]\n"
	ctx := &countdown{Context: context.Background(), left: 3}
	if _, err := ParseContext(ctx, "c.yaml", []byte(src), Options{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("parser: err = %v, want context.DeadlineExceeded", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	ctx = &countdown{Context: context.Background(), left: 1}
	_, _, err := convertDocument(ctx, "c.yaml", 0, root.Content[0], newSource([]byte(src)), Options{}.withDefaults(), &fileBudget{})
	if !errors.Is(err, context.DeadlineExceeded) || ctx.left != 0 {
		t.Errorf("conversion: err = %v after %d checks, want context.DeadlineExceeded after 2", err, 1-ctx.left)
	}
}

// countdown is a context whose Err turns to DeadlineExceeded after left calls.
type countdown struct {
	context.Context
	left int
}

func (c *countdown) Err() error {
	if c.left <= 0 {
		return context.DeadlineExceeded
	}
	c.left--
	return nil
}
