package builtins

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// json.verify_schema and json.match_schema compile a JSON Schema whose
// $refs OPA's loader resolves through the file system (file:///…, relative
// references) and the network: a policy could read the runner's files
// (their existence, their content through validation errors) or hang on
// /dev/zero. ifacelint wraps both: a schema may refer only inside itself
// ("#…"), and may not set a base URI ($id, or id in draft 4) that a
// reference could be resolved against. Anything else is an error raised
// before OPA's loader sees the schema. $schema may only name a json-schema.org
// draft, which OPA knows without fetching it.

func registerSchemaChecks() {
	wrapSchemaBuiltin(ast.JSONSchemaVerify.Name, 0)
	wrapSchemaBuiltin(ast.JSONMatchSchema.Name, 1)
}

// wrapSchemaBuiltin replaces the implementation of name with one that first
// checks its operand at index arg, the schema.
func wrapSchemaBuiltin(name string, arg int) {
	inner := topdown.GetBuiltin(name)
	if inner == nil {
		panic("builtins: no built-in " + name)
	}
	topdown.RegisterBuiltinFunc(name, func(bctx topdown.BuiltinContext, operands []*ast.Term, iter func(*ast.Term) error) error {
		if arg < len(operands) {
			if err := checkSchemaRefs(operands[arg].Value); err != nil {
				return err // OPA prefixes the built-in's name
			}
		}
		return inner(bctx, operands, iter)
	})
}

// checkSchemaRefs walks a schema, given as an object or as JSON text, and
// rejects any $ref that does not start with "#", any $id or id, and a
// $schema that is not a json-schema.org draft. Values
// of const, enum, default and examples are data, not schema, and are not
// looked into.
func checkSchemaRefs(v ast.Value) error {
	var doc any
	switch x := v.(type) {
	case ast.String:
		dec := json.NewDecoder(strings.NewReader(string(x)))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			return nil // not JSON: OPA reports it
		}
	default:
		var err error
		if doc, err = ast.JSON(v); err != nil {
			return nil // not a JSON value: OPA reports it
		}
	}
	return walkSchema(doc)
}

var errSchemaBase = errors.New(`a schema may not set a base URI ($id or id): ifacelint resolves $ref only inside the schema ("#/…")`)

func walkSchema(v any) error {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the first offence reported is always the same one
		for _, k := range keys {
			val := x[k]
			switch k {
			case "const", "enum", "default", "examples":
				continue
			case "$ref":
				if s, ok := val.(string); ok && !strings.HasPrefix(s, "#") {
					return fmt.Errorf(`$ref %q: ifacelint resolves $ref only inside the schema ("#/…"); files and URLs are never read`, limit(s))
				}
			case "$schema":
				if s, ok := val.(string); ok && !strings.HasPrefix(s, "http://json-schema.org/") && !strings.HasPrefix(s, "https://json-schema.org/") {
					return fmt.Errorf(`$schema %q: only the json-schema.org drafts are known`, limit(s))
				}
			case "$id", "id":
				if _, ok := val.(string); ok {
					return errSchemaBase
				}
			}
			if err := walkSchema(val); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range x {
			if err := walkSchema(e); err != nil {
				return err
			}
		}
	}
	return nil
}

func limit(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
