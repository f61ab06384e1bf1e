package lint

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// A document yields at most MaxSchemaFindings schema/invalid findings, the
// loader's and the schema's together: the first in file order, then one
// that counts the rest, at the next one's place and about the document.
func TestSchemaFindingsCap(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: many, name: Many}\n")
	b.WriteString("spec:\n  type: api\n  direction: inbound\n  exposure: internal\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  bogus%02d: 1\n", i) // lines 8-37: unknown fields
	}
	for range 10 {
		b.WriteString("  type: api\n") // lines 38-47: duplicate keys (the loader's)
	}
	opts := Options{Catalogue: setup(t).Catalogue} // the schema stage only
	dir := writeFiles(t, map[string]string{"a.yaml": b.String()})
	got := run(t, opts, dir)
	if len(got) != MaxSchemaFindings+1 {
		t.Fatalf("%d findings, want %d:\n%s", len(got), MaxSchemaFindings+1, strings.Join(render(dir, got), "\n"))
	}
	for i, f := range got[:MaxSchemaFindings] {
		if f.Rule != policy.SchemaInvalid || f.Line != 8+i || f.DocIndex != 0 {
			t.Errorf("finding %d: %s at line %d of document %d, want schema/invalid at line %d", i, f.Rule, f.Line, f.DocIndex, 8+i)
		}
	}
	more := got[MaxSchemaFindings]
	if more.EndLine != 28 || more.EndColumn != 13 {
		t.Errorf("last finding ends at %d:%d, want the end of the node it points at, 28:13 (`bogus20: 1`)", more.EndLine, more.EndColumn)
	}
	if more.Message != "and 20 more schema problems in this document (at most 20 are reported per document)" ||
		more.Line != 28 || more.Column != 3 || len(more.Path) != 0 || more.Kind != "Interface" || more.ID != "many" {
		t.Errorf("last finding %d:%d %q path %v, want the count at 28:3 about the document", more.Line, more.Column, more.Message, more.Path)
	}

	// At the cap, nothing is left out and there is no count.
	var exact strings.Builder
	exact.WriteString("apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: twenty, name: Twenty}\nspec: {type: api, direction: inbound, exposure: internal}\n")
	for i := range MaxSchemaFindings {
		fmt.Fprintf(&exact, "x%02d: 1\n", i)
	}
	dir = writeFiles(t, map[string]string{"a.yaml": exact.String()})
	if got := run(t, opts, dir); len(got) != MaxSchemaFindings {
		t.Errorf("%d findings at the cap, want %d", len(got), MaxSchemaFindings)
	}
}

// Every finding names its document by index (DocIndex), which the report
// uses to give it to its register row; file-level findings have -1.
// Documents here share their kind and id, and positions say nothing about
// which document a finding is about when a flow mapping holds it all.
func TestFindingDocIndex(t *testing.T) {
	t.Parallel()
	iface := "--- {apiVersion: ifacelint/v1, kind: Interface, metadata: {id: same, name: S, bogus%d: 1}, spec: {type: api, direction: inbound, exposure: internet}}\n"
	src := fmt.Sprintf(iface, 0) + "--- {kind: Interface, metadata: {id: same}}\n" + fmt.Sprintf(iface, 2)
	dir := writeFiles(t, map[string]string{"a.yaml": src, "b.yaml": "a: [unclosed\n"})
	opts := setup(t)
	docs := map[string][]*inventory.Document{}
	opts.Collect = func(d *inventory.Document, _ bool) { docs[d.File] = append(docs[d.File], d) }
	found := run(t, opts, dir)
	perDoc := map[int]int{}
	for _, f := range found {
		if f.FileLevel {
			if f.DocIndex != -1 || !strings.HasSuffix(f.File, "b.yaml") {
				t.Errorf("file-level finding %s in %s has DocIndex %d, want -1", f.Rule, f.File, f.DocIndex)
			}
			continue
		}
		d := docs[f.File][f.DocIndex]
		if d.Index != f.DocIndex || f.Line != d.Start().Line {
			t.Errorf("%s at line %d names document %d, which starts at line %d", f.Rule, f.Line, f.DocIndex, d.Start().Line)
		}
		if f.Rule == policy.SchemaInvalid && strings.Contains(f.Message, "bogus") && !strings.Contains(f.Message, fmt.Sprint("bogus", f.DocIndex)) {
			t.Errorf("%q is given to document %d", f.Message, f.DocIndex)
		}
		perDoc[f.DocIndex]++
	}
	if perDoc[0] == 0 || perDoc[1] == 0 || perDoc[2] == 0 {
		t.Errorf("findings per document %v, want some on each of the three", perDoc)
	}
}

// Loading and parsing run under the run's context: a context that is done
// ends the run with its error, not with a finding about a file.
func TestRunHonoursContextWhileLoading(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"a.yaml": strings.Repeat("--- {a: 1}\n", 500)})
	var loaded int
	opts := Options{Catalogue: setup(t).Catalogue, Inventory: []string{dir},
		Collect: func(*inventory.Document, bool) { loaded++ }}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if loaded != 0 {
		t.Errorf("%d documents loaded under a cancelled context", loaded)
	}
}
