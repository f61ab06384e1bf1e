package policy_test

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/ifacelint/ifacelint/internal/inventorygen/fixture"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The policy stage over a generated 1,000-interface inventory: compiling
// the rules (once per run), and evaluating one document per op with the
// inventory index loaded, with all built-in rules or only the five
// mission rules.

var ruleSets = []struct {
	name  string
	rules []string // nil: all
}{
	{"rules=all", nil},
	{"rules=mission", fixture.MissionRules},
}

// validDocs returns the schema-valid documents (the only ones every rule
// evaluates) and the inventory data.
func validDocs(b *testing.B) ([]*inventory.Document, map[string]any) {
	b.Helper()
	dir, _ := fixture.Inventory(b, 1000)
	docs := fixture.Documents(fixture.Load(b, dir))
	v, err := schema.Default()
	if err != nil {
		b.Fatal(err)
	}
	var valid []*inventory.Document
	for _, d := range docs {
		if len(d.Problems) == 0 && len(v.Validate(d.Value)) == 0 {
			valid = append(valid, d)
		}
	}
	return valid, fixture.InventoryData(b, dir)
}

// BenchmarkNewEngine parses the built-in modules, compiles them and
// prepares the query: the start-up cost of every lint run.
func BenchmarkNewEngine(b *testing.B) {
	for _, set := range ruleSets {
		b.Run(set.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fixture.LintOptions(b, set.rules...)
			}
		})
	}
}

// BenchmarkEval evaluates one document per op.
func BenchmarkEval(b *testing.B) {
	docs, data := validDocs(b)
	ctx := context.Background()
	for _, set := range ruleSets {
		b.Run(set.name, func(b *testing.B) {
			engine := fixture.LintOptions(b, set.rules...).Engine.(*policy.Engine)
			if err := engine.SetInventory(ctx, data); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := engine.Eval(ctx, docs[i%len(docs)].Value, true); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkEvalRule evaluates one document per op with a single rule
// enabled (plus waiver/expired and waiver/invalid, which always run), so a
// slow rule stands out. Slow to run in full: select one with
// -bench 'BenchmarkEvalRule/rule=secrets/no-inline'.
func BenchmarkEvalRule(b *testing.B) {
	docs, data := validDocs(b)
	ctx := context.Background()
	cat := fixture.Catalogue(b)
	for _, rule := range cat.Rules {
		if policy.Computed(rule.ID) {
			continue
		}
		b.Run("rule="+rule.ID, func(b *testing.B) {
			engine := fixture.LintOptions(b, rule.ID).Engine.(*policy.Engine)
			if err := engine.SetInventory(ctx, data); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := engine.Eval(ctx, docs[i%len(docs)].Value, true); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkInput isolates what Eval pays to turn a document into an OPA
// value: rego.EvalInput round-trips the Go value through JSON before
// converting it (stage=json-roundtrip+convert); converting directly is
// stage=convert. Eval could skip both with rego.EvalParsedInput and a value
// built straight from the YAML nodes.
func BenchmarkInput(b *testing.B) {
	docs, _ := validDocs(b)
	b.Run("stage=json-roundtrip+convert", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			var x any = docs[i%len(docs)].Value
			if err := util.RoundTripFast(&x); err != nil {
				b.Fatal(err)
			}
			if _, err := ast.InterfaceToValue(x); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("stage=convert", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := ast.InterfaceToValue(docs[i%len(docs)].Value); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// BenchmarkSetInventory writes the index of 1,000 interfaces into the
// engine's store (once per run; it grows with the inventory).
func BenchmarkSetInventory(b *testing.B) {
	_, data := validDocs(b)
	engine := fixture.LintOptions(b).Engine.(*policy.Engine)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := engine.SetInventory(ctx, data); err != nil {
			b.Fatal(err)
		}
	}
}
