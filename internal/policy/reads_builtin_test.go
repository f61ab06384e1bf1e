package policy_test

import (
	"context"
	"testing"

	"github.com/ifacelint/ifacelint/internal/builtins"
	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/openapi"
	"github.com/ifacelint/ifacelint/internal/policy"
)

// descriptions answers the drift rules' ifacelint.openapi from the
// generated inventory's OpenAPI descriptions, as a lint run does.
type descriptions struct{ r *openapi.Reader }

func (d descriptions) Describe(p string) (map[string]any, error) {
	facts, _, err := d.r.Describe(p)
	return facts, err
}

// TestBuiltinReadsInventory: every built-in rule whose evaluation of a
// document of a generated inventory (every rule planted) reads the
// inventory is one ReadsInventory names, and the rules that only look at
// the document are not named (else the second pass of a lint run would
// evaluate them again for nothing).
func TestBuiltinReadsInventory(t *testing.T) {
	t.Parallel()
	dir, _ := fixture.Inventory(t, 150)
	docs := fixture.Documents(fixture.Load(t, dir))
	data := fixture.InventoryData(t, dir)
	reader, err := openapi.NewReader(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := builtins.WithDescriptions(context.Background(), descriptions{reader})
	all := fixture.LintOptions(t).Engine.(*policy.Engine)
	cat := fixture.Catalogue(t)
	readers := map[string]bool{}
	for _, rule := range cat.Rules {
		if policy.Computed(rule.ID) {
			continue
		}
		engine := fixture.LintOptions(t, rule.ID).Engine.(*policy.Engine)
		if err := engine.SetInventory(ctx, data); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			_, read, err := engine.EvalLocal(ctx, d.Value, len(d.Problems) == 0)
			if err != nil {
				t.Fatal(err)
			}
			if read {
				readers[rule.ID] = true
				if !all.ReadsInventory(rule.ID) {
					t.Errorf("%s read the inventory evaluating %s, but ReadsInventory says it may not", rule.ID, d.File)
				}
				break
			}
		}
		if all.ReadsInventory(rule.ID) && !readers[rule.ID] {
			t.Logf("%s may read the inventory (no generated document made it)", rule.ID)
		}
	}
	for _, id := range []string{"inventory/reference", "third-party/assessment-current", "third-party/dpa-required"} {
		if !readers[id] {
			t.Errorf("%s never read the inventory: the generated inventory no longer exercises it", id)
		}
	}
	for _, id := range fixture.MissionRules {
		if all.ReadsInventory(id) {
			t.Errorf("ReadsInventory(%s) = true for a rule that reads only the document", id)
		}
	}
}
