package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestReadsInventory: a rule may read the inventory however it reaches it
// (directly, through a function in another package, an else branch, a
// variable key, a rule selected by a variable), and only then; reading
// other data does not count. Each rule's evaluation that reads the
// inventory is one ReadsInventory names, and EvalInventoryRules plus the
// others' findings are what EvalTracked returns.
func TestReadsInventory(t *testing.T) {
	t.Parallel()
	rule := func(name, body string) Source {
		return Source{Name: "custom/" + name + ".rego", Text: fmt.Sprintf(
			"# METADATA\n# custom:\n#   severity: error\npackage ifacelint.rules.custom.%s\n\nimport data.custom.helpers\n\n%s\n", name, body)}
	}
	srcs := []Source{
		{Name: "custom/helpers.rego", Text: `package custom.helpers

supplier(id) if data.ifacelint.inventory.ThirdParty[id]

assessed(id) := "none" if {
	id == ""
} else := date if {
	date := data.ifacelint.inventory.ThirdParty[id].spec.assessment.date
}

plain(x) if x == "a"

known(id) if data.ifacelint.known_rules[id]

tps := data.ifacelint.inventory.ThirdParty

one := 1
`},
		rule("direct", `deny contains "direct" if data.ifacelint.inventory.ThirdParty[input.tp]`),
		rule("function", `deny contains "function" if helpers.supplier(input.tp)`),
		rule("else_branch", `deny contains "else" if helpers.assessed(input.tp) == "2026-01-01"`),
		rule("variable_kind", `deny contains "kind" if {
	some kind
	data.ifacelint.inventory[kind][input.tp]
}`),
		rule("variable_rule", `deny contains "rule" if data.custom.helpers[input.name]`),
		rule("local_only", `deny contains "local" if input.tp == "acme"`),
		rule("plain_function", `deny contains "plain" if helpers.plain(input.name)`),
		rule("other_data", `deny contains "other" if {
	helpers.known("custom/other-data")
	data.ifacelint.params["custom/other-data"] == {}
	helpers.one == 1
}`),
	}
	mods, err := Parse(srcs)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := NewCatalogue(mods, false)
	if err != nil {
		t.Fatal(err)
	}
	opts := allRules(t, mods, cat)
	opts.Now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	e, err := NewEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"custom/direct": true, "custom/function": true, "custom/else-branch": true,
		"custom/variable-kind": true, "custom/variable-rule": true,
		"custom/local-only": false, "custom/plain-function": false, "custom/other-data": false,
	}
	for id, w := range want {
		if cat.Get(id) == nil {
			t.Fatalf("no rule %s", id)
		}
		if got := e.ReadsInventory(id); got != w {
			t.Errorf("ReadsInventory(%s) = %v, want %v", id, got, w)
		}
	}
	ctx := context.Background()
	inv := map[string]any{"ThirdParty": map[string]any{"acme": map[string]any{"spec": map[string]any{"assessment": map[string]any{"date": "2026-01-01"}}}}}
	if err := e.SetInventory(ctx, inv); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []map[string]any{
		{"tp": "acme", "name": "one"},
		{"tp": "acme", "name": "a"},
		{"tp": "nope", "name": "tps"},
		{"tp": "", "name": "supplier"},
	} {
		all, reads, err := e.EvalTracked(ctx, doc, true)
		if err != nil {
			t.Fatal(err)
		}
		_, read, err := e.EvalLocal(ctx, doc, true)
		if err != nil {
			t.Fatal(err)
		}
		if read != (reads != nil) {
			t.Errorf("%v: EvalLocal read %v, EvalTracked read %q", doc, read, reads)
		}
		only, onlyReads, err := e.EvalInventoryRules(ctx, doc, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range only {
			if !e.ReadsInventory(f.Rule) {
				t.Errorf("%v: EvalInventoryRules evaluated %s", doc, f.Rule)
			}
		}
		merged := slices.Clone(only)
		for _, f := range all {
			if !e.ReadsInventory(f.Rule) {
				merged = append(merged, f)
			}
		}
		if !reflect.DeepEqual(findingKeys(merged), findingKeys(all)) {
			t.Errorf("%v: inventory rules + the others = %v, want %v", doc, findingKeys(merged), findingKeys(all))
		}
		if !reflect.DeepEqual(onlyReads, reads) {
			t.Errorf("%v: EvalInventoryRules read %q, EvalTracked %q", doc, onlyReads, reads)
		}
		// Each rule alone: one that read the inventory is one that may.
		for id := range want {
			ruleOpts := opts
			ruleOpts.Evaluate = []string{id}
			re, err := NewEngine(ctx, ruleOpts)
			if err != nil {
				t.Fatal(err)
			}
			if err := re.SetInventory(ctx, inv); err != nil {
				t.Fatal(err)
			}
			if _, read, err := re.EvalLocal(ctx, doc, true); err != nil {
				t.Fatal(err)
			} else if read && !e.ReadsInventory(id) {
				t.Errorf("%v: %s read the inventory but ReadsInventory says it may not", doc, id)
			}
		}
	}
	if !slices.Contains(findingKeys(mustEval(t, e, map[string]any{"tp": "acme", "name": "one"})), "custom/variable-rule: rule null") {
		t.Error("the rule selected by a variable did not fire: the test does not test it")
	}
}

func mustEval(t *testing.T, e *Engine, doc map[string]any) []Finding {
	t.Helper()
	fs, err := e.Eval(context.Background(), doc, true)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func findingKeys(fs []Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		b, _ := json.Marshal(f.Path)
		out = append(out, f.Rule+": "+f.Message+" "+string(b))
	}
	sort.Strings(out)
	return out
}

func TestTouchesInventory(t *testing.T) {
	t.Parallel()
	for ref, want := range map[string]bool{
		"data":                     true,
		"data.ifacelint":           true,
		"data.ifacelint.inventory": true,
		"data.ifacelint.inventory.ThirdParty[x].id": true,
		"data[x].inventory":                         true,
		"data.ifacelint[x]":                         true,
		"data.ifacelint.params[x]":                  false,
		"data.ifacelint.known_rules":                false,
		"data.custom[x]":                            false,
		"input.ifacelint.inventory":                 false,
	} {
		if got := touchesInventory(ast.MustParseRef(ref)); got != want {
			t.Errorf("touchesInventory(%s) = %v, want %v", ref, got, want)
		}
	}
}
