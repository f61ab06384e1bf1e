package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
)

// TestCompactInventory: every way a policy can read the inventory sees the
// same through the compact index as through the store, and EvalLocal
// notes exactly the evaluations that read it.
func TestCompactInventory(t *testing.T) {
	t.Parallel()
	inv := map[string]any{
		"Interface": map[string]any{
			"orders-api": map[string]any{"file": "a.yaml", "metadata": map[string]any{"id": "orders-api", "labels": map[string]any{"tier": "1"}}, "spec": map[string]any{"type": "api", "thirdParty": "acme"}},
			"billing":    map[string]any{"file": "b.yaml", "metadata": map[string]any{"id": "billing"}, "spec": map[string]any{"type": "queue"}},
		},
		"ThirdParty": map[string]any{
			"acme": map[string]any{"file": "t.yaml", "spec": map[string]any{"contracts": []any{map[string]any{"dpa": true}}, "tier": json.Number("2")}},
		},
	}
	compact := Inventory{}
	for kind, docs := range inv {
		compact[kind] = map[string][]byte{}
		for id, doc := range docs.(map[string]any) {
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			compact[kind][id] = b
		}
	}
	// Each line is one deny body; msg is what it read, so any difference
	// between the two stores shows in the findings.
	reads := []string{
		`data.ifacelint.inventory.ThirdParty[input.tp].spec.contracts[0].dpa`,           // a deep path, an array index
		`data.ifacelint.inventory.ThirdParty[input.tp].spec.tier`,                       // a number
		`data.ifacelint.inventory.ThirdParty[input.tp]`,                                 // one document
		`count(data.ifacelint.inventory.Interface)`,                                     // one kind, whole
		`[id | some id, i in data.ifacelint.inventory.Interface; i.spec.type == "api"]`, // iteration
		`object.keys(data.ifacelint.inventory)`,                                         // the inventory, whole
		`data.ifacelint.inventory.Interface["orders-api"].metadata.labels`,              // a mapping
		`count(data.ifacelint.inventory.Interface.nope)`,                                // missing: undefined
		`data.ifacelint.inventory.ThirdParty[input.tp].spec.contracts[3]`,               // missing index
		`data.ifacelint.inventory.Nope`,                                                 // missing kind
	}
	src := "# METADATA\n# custom:\n#   severity: error\npackage ifacelint.rules.custom.reads\n\n"
	for i, r := range reads {
		src += fmt.Sprintf("deny contains {\"msg\": sprintf(\"%d %%v\", [x]), \"path\": []} if {\n\tinput.read == %d\n\tx := %s\n}\n\n", i, i, r)
	}
	src += "deny contains \"local\" if input.read == -1\n"
	e, err := engineFor(t, src)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	eval := func(i int) ([]string, bool) {
		t.Helper()
		fs, read, err := e.EvalLocal(ctx, map[string]any{"read": json.Number(fmt.Sprint(i)), "tp": "acme"}, true)
		if err != nil {
			t.Fatalf("read %d: %v", i, err)
		}
		var msgs []string
		for _, f := range fs {
			msgs = append(msgs, f.Message)
		}
		slices.Sort(msgs)
		return msgs, read
	}
	if err := e.SetInventory(ctx, inv); err != nil {
		t.Fatal(err)
	}
	want := make([][]string, len(reads))
	for i := range reads {
		want[i], _ = eval(i)
	}
	e.SetCompactInventory(ruleeval.Inventory(compact))
	for i, r := range reads {
		got, read := eval(i)
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("%s: compact %q, store %q", r, got, want[i])
		}
		if !read {
			t.Errorf("%s: EvalLocal did not note the read", r)
		}
		if i < 7 && len(got) != 1 {
			t.Errorf("%s: %q, want one finding", r, got)
		}
		if i >= 7 && len(got) != 0 {
			t.Errorf("%s: %q, want none (undefined)", r, got)
		}
	}
	if got, read := eval(-1); read || !reflect.DeepEqual(got, []string{"local"}) {
		t.Errorf("a rule that reads no inventory: %q, read %v; want [local], false", got, read)
	}
}

func TestReadsInterfaces(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body string
		want bool
	}{
		{`input.kind == "Interface"`, false},
		{`data.ifacelint.inventory.ThirdParty[input.spec.thirdParty]`, false},
		{`data.ifacelint.params["custom/reads"]`, false},
		{`some id, _ in data.ifacelint.inventory.Interface`, true},
		{`data.ifacelint.inventory.Interface[input.metadata.id].spec.type == "api"`, true},
		{`count(data.ifacelint.inventory) > 0`, true},
		{`some kind; data.ifacelint.inventory[kind]`, true},
		{`x := "Interface"; data.ifacelint.inventory[x]`, true},
		{`inv.Interface["a"]`, true}, // through an import alias
	}
	for _, tt := range tests {
		src := "# METADATA\n# custom:\n#   severity: error\npackage ifacelint.rules.custom.reads\n\nimport data.ifacelint.inventory as inv\n\ndeny contains \"x\" if {\n\t" + tt.body + "\n}\n"
		e, err := engineFor(t, src)
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if got := e.ReadsInterfaces(); got != tt.want {
			t.Errorf("%s: ReadsInterfaces() = %v, want %v", tt.body, got, tt.want)
		}
	}
	// The built-in flow rules (lib.flow_end) read the Interface summaries
	// a flow names: every run with the built-in rules builds them.
	compiler, err := Compile(builtinSet(t).Modules)
	if err != nil {
		t.Fatal(err)
	}
	if !readsInterfaces(compiler) {
		t.Error("the built-in rules no longer read the Interface summaries: say so in docs/performance.md, and keep this test true")
	}
}

func builtinSet(t *testing.T) *Set {
	t.Helper()
	set, err := Load(LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestCatalogueEvaluate(t *testing.T) {
	t.Parallel()
	cat := builtinSet(t).Catalogue
	tests := []struct {
		name    string
		enabled map[string]bool
		want    []string
	}{
		{"none", nil, nil},
		{"one rule, and computed rules never", map[string]bool{"logging/enabled": true, UniqueID: true, SchemaInvalid: true,
			WaiverUnused: true, WaiverExpired: true, WaiverInvalid: true}, []string{"logging/enabled"}},
	}
	for _, tt := range tests {
		got := cat.Evaluate(tt.enabled)
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tt.want))
		if !slices.Equal(got, want) {
			t.Errorf("%s: Evaluate = %q, want %q", tt.name, got, want)
		}
	}
	all := map[string]bool{}
	for _, r := range cat.Rules {
		all[r.ID] = true
	}
	if got, want := len(cat.Evaluate(all)), len(cat.Rules)-16; got != want {
		t.Errorf("all enabled: %d rules evaluated, want %d (every rule but the 16 computed in Go)", got, want)
	}
}

// TestEvalEarly: before the index is complete, an evaluation reads as
// final the entries of the early view's kinds (a ThirdParty only when the
// document names it, then used) and the absence of an id no valid
// document has, and gives then the findings and reads of an evaluation
// with the complete index; any other read of the inventory is not final.
func TestEvalEarly(t *testing.T) {
	t.Parallel()
	entry := func(v map[string]any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ledger := map[string]any{"file": "s.yaml", "spec": map[string]any{"zone": "internal"}}
	acme := map[string]any{"file": "t.yaml", "spec": map[string]any{"tier": "high"}}
	other := map[string]any{"file": "u.yaml", "spec": map[string]any{"tier": "low"}}
	withUsed := func(m map[string]any, used bool) map[string]any {
		out := map[string]any{"used": used}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	complete := ruleeval.Inventory{
		"System":     {"ledger": entry(ledger)},
		"ThirdParty": {"acme": entry(withUsed(acme, true)), "other": entry(withUsed(other, false))},
		"Interface":  {"orders-api": entry(map[string]any{"file": "a.yaml", "spec": map[string]any{"type": "api"}})},
	}
	early := &ruleeval.Early{
		Entries: ruleeval.Inventory{"System": {"ledger": entry(ledger)}, "ThirdParty": {"acme": entry(acme), "other": entry(other)}},
		Named:   []string{"acme"},
	}
	reads := []struct {
		ref   string
		final bool
	}{
		{`data.ifacelint.inventory.System[input.sys].spec.zone`, true},
		{`count(data.ifacelint.inventory.System)`, true},
		{`data.ifacelint.inventory.ThirdParty.acme`, true}, // named: used
		{`data.ifacelint.inventory.ThirdParty.other`, false},
		{`count(data.ifacelint.inventory.ThirdParty)`, false},
		{`data.ifacelint.inventory.Interface["orders-api"]`, false},
		{`count(data.ifacelint.inventory.Interface["external:x"])`, true}, // no such id: absent
		{`data.ifacelint.inventory.System.nope`, true},
		{`data.ifacelint.inventory.ThirdParty.nope`, true},
		{`object.keys(data.ifacelint.inventory)`, false},
	}
	src := "# METADATA\n# custom:\n#   severity: error\npackage ifacelint.rules.custom.early\n\n"
	for i, r := range reads {
		src += fmt.Sprintf("deny contains {\"msg\": sprintf(\"%d %%v\", [x]), \"path\": []} if {\n\tinput.read == %d\n\tx := %s\n}\n\n", i, i, r.ref)
	}
	e, err := engineFor(t, src)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	doc := func(i int) map[string]any { return map[string]any{"read": json.Number(fmt.Sprint(i)), "sys": "ledger"} }
	type result struct {
		findings []Finding
		reads    []string
	}
	var earlyResults []result
	var finals []bool
	for i := range reads {
		fs, rs, final, err := e.EvalEarly(ctx, doc(i), true, early)
		if err != nil {
			t.Fatal(err)
		}
		earlyResults, finals = append(earlyResults, result{fs, rs}), append(finals, final)
	}
	e.SetCompactInventory(complete)
	defer e.ClearInventory()
	for i, r := range reads {
		if finals[i] != r.final {
			t.Errorf("%s: final %v, want %v", r.ref, finals[i], r.final)
			continue
		}
		if !r.final {
			continue
		}
		fs, rs, err := e.EvalTracked(ctx, doc(i), true)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(earlyResults[i], result{fs, rs}) {
			t.Errorf("%s: early %v, complete %v", r.ref, earlyResults[i], result{fs, rs})
		}
	}
}
