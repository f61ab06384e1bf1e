package builtins

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
)

type fakeDescriptions map[string]map[string]any

func (f fakeDescriptions) Describe(p string) (map[string]any, error) { return f[p], nil }

// ifacelint.openapi answers from the evaluation's Descriptions, and is an
// error without them (a policy test must replace it), never a silent
// undefined.
func TestOpenAPI(t *testing.T) {
	ctx := context.Background()
	query := func(ctx context.Context) (rego.ResultSet, error) {
		return rego.New(rego.Query(`x := ifacelint.openapi("api/o.yaml")`), rego.StrictBuiltinErrors(true)).Eval(ctx)
	}
	rs, err := query(WithDescriptions(ctx, fakeDescriptions{"api/o.yaml": {"file": "api/o.yaml", "servers": []any{}}}))
	if err != nil || len(rs) != 1 {
		t.Fatalf("rs %v, err %v", rs, err)
	}
	if got := fmt.Sprint(rs[0].Bindings["x"]); got != "map[file:api/o.yaml servers:[]]" {
		t.Errorf("facts = %s", got)
	}
	if _, err := query(ctx); err == nil || !strings.Contains(err.Error(), "only while an inventory is linted") {
		t.Errorf("without Descriptions: err %v", err)
	}
}
