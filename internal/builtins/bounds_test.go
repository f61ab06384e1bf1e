package builtins

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// OPA's implementations, before init replaces them (package variables are
// initialised before any init function runs).
var (
	opaReachable      = topdown.GetBuiltin(ast.ReachableBuiltin.Name)
	opaReachablePaths = topdown.GetBuiltin(ast.ReachablePathsBuiltin.Name)
)

func call(t *testing.T, f topdown.BuiltinFunc, args ...*ast.Term) (*ast.Term, error) {
	t.Helper()
	var out *ast.Term
	err := f(topdown.BuiltinContext{Context: context.Background()}, args, func(r *ast.Term) error { out = r; return nil })
	return out, err
}

// graph.reachable and graph.reachable_paths give what OPA's give, on
// random graphs with cycles, self-loops, nodes without edges and edges to
// nodes not in the graph.
func TestGraphBuiltinsMatchOPA(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		n := 1 + rng.IntN(8)
		graph := ast.NewObject()
		for i := range n {
			edges := ast.NewSet()
			for range rng.IntN(4) {
				edges.Add(ast.StringTerm(fmt.Sprint(rng.IntN(n + 2))))
			}
			var v *ast.Term = ast.NewTerm(edges)
			if rng.IntN(3) == 0 {
				v = ast.ArrayTerm(edges.Slice()...)
			}
			graph.Insert(ast.StringTerm(fmt.Sprint(i)), v)
		}
		initial := ast.ArrayTerm(ast.StringTerm(fmt.Sprint(rng.IntN(n+1))), ast.StringTerm(fmt.Sprint(rng.IntN(n+1))))
		for name, pair := range map[string][2]topdown.BuiltinFunc{
			"graph.reachable":       {reachable, opaReachable},
			"graph.reachable_paths": {reachablePaths, opaReachablePaths},
		} {
			got, err1 := call(t, pair[0], ast.NewTerm(graph), initial)
			want, err2 := call(t, pair[1], ast.NewTerm(graph), initial)
			if err1 != nil || err2 != nil || got.Value.Compare(want.Value) != 0 {
				t.Fatalf("%s(%v, %v) = %v, %v; OPA's: %v, %v", name, graph, initial, got, err1, want, err2)
			}
		}
	}
}

// Evaluation stopped while a graph built-in runs stops it, within
// milliseconds; graph.reachable on a layered graph is linear.
func TestGraphBuiltinsStop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := rego.New(rego.Query(`
		g := {sprintf("%d", [i]): {sprintf("%d", [i + 1]), sprintf("%d", [i + 2])} | some i in numbers.range(0, 59)}
		x := count(graph.reachable_paths(g, {"0"}))`), rego.StrictBuiltinErrors(true)).Eval(ctx)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("graph.reachable_paths: err %v after %s", err, time.Since(start))
	}
	rs, err := rego.New(rego.Query(`
		g := object.union(
			{sprintf("a%d", [i]): {sprintf("a%d", [i + 1]), sprintf("b%d", [i + 1])} | some i in numbers.range(0, 39)},
			{sprintf("b%d", [i]): {sprintf("a%d", [i + 1]), sprintf("b%d", [i + 1])} | some i in numbers.range(0, 39)})
		x := count(graph.reachable(g, {"a0"}))`)).Eval(context.Background())
	if err != nil || len(rs) != 1 || fmt.Sprint(rs[0].Bindings["x"]) != "79" {
		t.Errorf("graph.reachable on a layered graph: %v, %v", rs, err)
	}
}

// The bounded built-ins refuse what would be too large, and do what OPA
// does otherwise.
func TestBoundedBuiltins(t *testing.T) {
	tests := map[string]string{ // query: "" when it succeeds, else part of the error
		`x := json.marshal_with_options({"a": [1, [2]]}, {"indent": "  ", "prefix": "> "})`:                                                 "",
		`x := json.marshal_with_options([[x] | some x in numbers.range(1, 2000)], {"indent": sprintf("%1000000s", [""])})`:                  "over the limit of 16 MiB",
		`x := json.marshal_with_options([[x] | some x in numbers.range(1, 2000)], {"prefix": sprintf("%1000000s", [""])})`:                  "over the limit of 16 MiB",
		`x := json.marshal_with_options([[x] | some x in numbers.range(1, 2000)], {"indent": sprintf("%1000000s", [""]), "pretty": false})`: "",
		`x := sprintf("%5d|%-8s|%.2f|%%|%x", [1, "a", 1.5, 255])`:                                                                           "",
		`x := sprintf(concat("", ["%1000000d" | some i in numbers.range(1, 17)]), numbers.range(1, 17))`:                                    "widths and precisions of the format add up to over 16 MiB",
		`x := sprintf(concat("", ["%.1000000f" | some i in numbers.range(1, 17)]), numbers.range(1, 17))`:                                   "widths and precisions of the format add up to over 16 MiB",
		`x := sprintf(concat("", ["%*d" | some i in numbers.range(1, 17)]), numbers.range(1, 34))`:                                          "widths and precisions of the format add up to over 16 MiB",
		`x := bits.lsh(1, 65535)`:   "",
		`x := bits.lsh(1, 65536)`:   "more than 65536 bits",
		`x := bits.lsh(1, 1e10)`:    "more than 65536 bits",
		`x := bits.lsh(255, 65530)`: "more than 65536 bits",
	}
	for query, want := range tests {
		_, err := rego.New(rego.Query(query), rego.StrictBuiltinErrors(true)).Eval(context.Background())
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", query, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: err %v, want %q", query, err, want)
		}
	}
}

// A value whose parts are shared, exponentially larger than the policy
// that builds it, is refused by the built-ins that would write it out, and
// measuring it stops at the limit.
func TestSharedValues(t *testing.T) {
	// v is local to the comprehension: as a binding of the query it would
	// be converted in full for the result.
	const shared = `x := [r |
		ops := [{"op": "copy", "from": "", "path": sprintf("/k%d", [i])} | some i in numbers.range(1, 40)]
		v := json.patch({"a": "b"}, ops)
		r := `
	for call, want := range map[string]string{
		`json.marshal_with_options(v, {"indent": " "})`: "over 64 MiB as text",
		`json.marshal_with_options(v, {})`:              "over 64 MiB as text",
		`json.marshal(v)`:                               "over 64 MiB as text",
		`yaml.marshal(v)`:                               "over 64 MiB as text",
		`sprintf("%v", [v])`:                            "over 64 MiB as text",
		`json.marshal({"a": [1, "b", true, null]})`:     "",
		`yaml.marshal({"a": [1, "b", true, null]})`:     "",
		`sprintf("%v %s", [{"a": 1}, "b"])`:             "",
	} {
		start := time.Now()
		_, err := rego.New(rego.Query(shared+call+"]"), rego.StrictBuiltinErrors(true)).Eval(context.Background())
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", call, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: err %v, want %q", call, err, want)
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("%s took %s", call, took)
		}
	}
}
