package builtins

import (
	"context"
	"errors"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
)

// OpenAPI is ifacelint.openapi(path): the facts of the OpenAPI description
// at the repository-relative path (spec.apiSpec), as the drift rules see
// them (openapi.Description.Facts), or {"file": path, "error": why} when
// it cannot be read. It reads only inside the repository, each description
// at most once per run, with the inventory loader's limits; outside a lint
// run (no Descriptions in the evaluation's context) it is an error, so a
// policy test must replace it (`with ifacelint.openapi as …`).
const OpenAPI = "ifacelint.openapi"

// Descriptions answers ifacelint.openapi for one evaluation
// (ruleeval.Descriptions).
type Descriptions = ruleeval.Descriptions

// WithDescriptions returns ctx with the Descriptions that answer
// ifacelint.openapi in evaluations run with it.
func WithDescriptions(ctx context.Context, d Descriptions) context.Context {
	return ruleeval.WithDescriptions(ctx, d)
}

// errNoDescriptions: ifacelint.openapi called outside a lint run.
var errNoDescriptions = errors.New(OpenAPI + " reads OpenAPI descriptions only while an inventory is linted; in a policy test, replace it with `with " + OpenAPI + " as …`")

func registerOpenAPI() {
	rego.RegisterBuiltin1(&rego.Function{
		Name:        OpenAPI,
		Description: "Returns the facts of the OpenAPI description at the repository-relative path: servers, security schemes in use, scopes required, anonymous access; or {file, error} when it cannot be read.",
		Decl: types.NewFunction(types.Args(types.Named("path", types.S)),
			types.Named("facts", types.NewObject(nil, types.NewDynamicProperty(types.S, types.A)))),
	}, func(bctx rego.BuiltinContext, p *ast.Term) (*ast.Term, error) {
		s, ok := p.Value.(ast.String)
		if !ok {
			return nil, nil
		}
		var d Descriptions
		if bctx.Context != nil {
			d = ruleeval.DescriptionsOf(bctx.Context)
		}
		if d == nil {
			return nil, errNoDescriptions
		}
		facts, err := d.Describe(string(s))
		if err != nil {
			return nil, err
		}
		v, err := ast.InterfaceToValue(facts)
		if err != nil {
			return nil, err
		}
		return ast.NewTerm(v), nil
	})
}
