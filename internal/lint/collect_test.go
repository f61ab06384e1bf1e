package lint

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Options.Collect sees every loaded document once, in walk order, and says
// which are reported on; the rest are cross-document context.
func TestCollect(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"a.yaml": "apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: a, name: A}\nspec: {type: api, direction: inbound, exposure: internal}\n" +
			"---\napiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata: {id: t, name: T}\nspec: {}\n",
		"b.yaml": "apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: b, name: B}\nspec: {type: api, direction: inbound, exposure: internal}\n",
	})
	type seen struct {
		id       string
		reported bool
	}
	var got []seen
	opts := Options{
		Catalogue: setup(t).Catalogue,
		Inventory: []string{dir},
		Targets:   []string{filepath.Join(dir, "b.yaml")},
		Collect:   func(d *inventory.Document, reported bool) { got = append(got, seen{d.ID, reported}) },
	}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	want := []seen{{"a", false}, {"t", false}, {"b", true}}
	if len(got) != len(want) {
		t.Fatalf("collected %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("document %d: %v, want %v", i, got[i], want[i])
		}
	}
}
