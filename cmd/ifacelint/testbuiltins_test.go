package main

import (
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"
)

// Built-ins of this test binary only, that do what a built-in the sandbox
// review missed would do: work in one Go call that never looks at
// cancellation. The attack suite uses them to show that the time and memory
// limits hold whatever a built-in does (budget-hard-stop-*).
//
//	ifacelint_test.spin(seconds)  sleeps that long, 10ms at a time
//	ifacelint_test.grow(mib)      allocates and holds that many MiB, ~400 MiB/s
func init() {
	rego.RegisterBuiltin1(&rego.Function{
		Name:             "ifacelint_test.spin",
		Decl:             types.NewFunction(types.Args(types.N), types.B),
		Nondeterministic: true,
	}, func(_ rego.BuiltinContext, n *ast.Term) (*ast.Term, error) {
		secs, _ := n.Value.(ast.Number).Int()
		for end := time.Now().Add(time.Duration(secs) * time.Second); time.Now().Before(end); {
			time.Sleep(10 * time.Millisecond)
		}
		return ast.InternedTerm(true), nil
	})
	rego.RegisterBuiltin1(&rego.Function{
		Name:             "ifacelint_test.grow",
		Decl:             types.NewFunction(types.Args(types.N), types.B),
		Nondeterministic: true,
	}, func(_ rego.BuiltinContext, n *ast.Term) (*ast.Term, error) {
		mib, _ := n.Value.(ast.Number).Int()
		var held [][]byte
		for i := range mib {
			b := make([]byte, 1<<20)
			for j := 0; j < len(b); j += 4096 {
				b[j] = byte(i)
			}
			held = append(held, b)
			if i%4 == 3 { // ~400 MiB/s
				time.Sleep(10 * time.Millisecond)
			}
		}
		return ast.InternedTerm(len(held) > 0), nil
	})
}
