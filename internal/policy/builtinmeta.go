package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/rules"
)

// BuiltinCustomKeys are the keys a built-in rule's METADATA may hold under
// custom:, in the order CONTRIBUTING.md lists them; kinds and params are
// optional, every other one is required.
var BuiltinCustomKeys = []string{"severity", "kinds", "controls", "frameworks", "trigger", "remediation", "params", "examples"}

// exampleKeys are the keys of custom.examples: fail and pass (required of a
// built-in rule), apiSpec (the drift rules' OpenAPI description) and base
// (the change rules' base revision of the document, required of them).
var exampleKeys = []string{"fail", "pass", "apiSpec", "base"}

// checkBuiltinMetadata checks the METADATA of the built-in rules whole, more
// strictly than a custom rule's (checkMetadata, which it includes): every
// module of a rule package defines deny and carries one package METADATA
// block with a title, a description and, under custom:, a severity (a
// custom rule without one is an error rule, SPEC §3; a built-in must say
// so), controls, every framework of custom.frameworks (an empty list where
// nothing matches), a trigger, a remediation and both examples; params, when
// present, map names to numbers; no other key. A violation can only be a
// developer's mistake, and it fails every run at the block's file:line:col,
// never leaving a rule silently an error or without its documentation.
func checkBuiltinMetadata(mods []*ast.Module) error {
	var errs ast.Errors
	for _, m := range mods {
		id, err := RuleID(m.Package.Path)
		if err != nil || id == "" {
			continue // not a rule package, or one NewCatalogue refuses
		}
		if !definesDeny(m) {
			errs = append(errs, metaErr(m.Package.Location, "built-in package %s defines no deny: a rule package holds one rule (Computed rules keep an empty deny)", packageName(m)))
			continue
		}
		var blocks []*ast.Annotations
		for _, a := range m.Annotations {
			if a.Scope == "package" {
				blocks = append(blocks, a)
			}
		}
		switch len(blocks) {
		case 0:
			errs = append(errs, metaErr(m.Package.Location, "built-in rule %s has no METADATA block before its package: the catalogue entry is its METADATA", id))
			continue
		case 1:
		default:
			errs = append(errs, metaErr(blocks[1].Location, "built-in rule %s has %d package METADATA blocks, want one", id, len(blocks)))
			continue
		}
		errs = append(errs, checkAnnotation(blocks[0])...)
		errs = append(errs, checkBuiltinAnnotation(id, blocks[0])...)
	}
	if len(errs) > 0 {
		return &PolicyError{fmt.Errorf("invalid METADATA:\n%s", FormatError(errs))}
	}
	return nil
}

// checkBuiltinAnnotation checks what checkAnnotation leaves optional, for
// the rule with that id.
func checkBuiltinAnnotation(id string, a *ast.Annotations) ast.Errors {
	var errs ast.Errors
	bad := func(format string, args ...any) {
		errs = append(errs, metaErr(a.Location, format, args...))
	}
	if strings.TrimSpace(a.Title) == "" {
		bad("title is missing or empty")
	}
	if strings.TrimSpace(a.Description) == "" {
		bad("description is missing or empty")
	}
	c := a.Custom
	for _, k := range sortedKeys(c) {
		if !slices.Contains(BuiltinCustomKeys, k) {
			bad("custom.%s is not a METADATA key of a built-in rule (want %s)", quoteLimitedKey(k), strings.Join(BuiltinCustomKeys, ", "))
		}
	}
	switch v, ok := c["severity"]; {
	case !ok:
		bad("custom.severity is missing: a built-in rule states its severity (error, warning or info)")
	default:
		s, _ := v.(string)
		if _, err := ParseSeverity(s); err != nil {
			bad("custom.severity: %v", err)
		}
	}
	if list, _ := c["controls"].([]any); len(list) == 0 && !mapsISO(c) {
		bad(`custom.controls is missing or empty: name the ISO/IEC 27001:2022 Annex A controls, such as ["5.9"]`)
	}
	if fw, ok := c["frameworks"].(map[string]any); !ok {
		bad("custom.frameworks is missing: map every framework (%s), with [] where nothing honestly matches", strings.Join(frameworks.Keys[1:], ", "))
	} else {
		for _, key := range frameworks.Keys[1:] {
			if _, ok := fw[key]; !ok {
				bad("custom.frameworks.%s is missing: write [] where nothing honestly matches", key)
			}
		}
	}
	for _, field := range []string{"trigger", "remediation"} {
		if s, _ := c[field].(string); strings.TrimSpace(s) == "" {
			bad("custom.%s is missing or empty", field)
		}
	}
	ex, _ := c["examples"].(map[string]any)
	for _, k := range []string{"fail", "pass"} {
		if s, _ := ex[k].(string); strings.TrimSpace(s) == "" {
			bad("custom.examples.%s is missing or empty: a whole document on which the rule %s", k, map[string]string{"fail": "fires", "pass": "does not fire"}[k])
		}
	}
	if s, _ := ex["base"].(string); rules.IsChange(id) && strings.TrimSpace(s) == "" {
		bad("custom.examples.base is missing or empty: a change rule compares the examples with the base revision of their document")
	}
	for _, k := range sortedKeys(ex) {
		if !slices.Contains(exampleKeys, k) {
			bad("custom.examples.%s is not an example key (want %s)", quoteLimitedKey(k), strings.Join(exampleKeys, ", "))
		}
	}
	if v, ok := c["params"]; ok {
		params, isMap := v.(map[string]any)
		if !isMap {
			bad("custom.params must be a mapping of parameter names to default numbers or lists of strings")
		}
		for _, name := range sortedKeys(params) {
			switch v := params[name].(type) {
			case int, int64, uint64, float64:
			case []any:
				// A list of names (monitoring/alerts' required kinds): a
				// change to it is reported for review, its direction unknown.
				for _, x := range v {
					if _, ok := x.(string); !ok {
						bad("custom.params.%s = %s is not a number or a list of strings", quoteLimitedKey(name), quoteLimited(fmt.Sprint(params[name])))
						break
					}
				}
			default:
				bad("custom.params.%s = %s is not a number or a list of strings", quoteLimitedKey(name), quoteLimited(fmt.Sprint(params[name])))
			}
		}
	}
	return errs
}

func metaErr(loc *ast.Location, format string, args ...any) *ast.Error {
	return &ast.Error{Code: "ifacelint_metadata_error", Message: fmt.Sprintf(format, args...), Location: loc}
}

// quoteLimitedKey writes a key as is when it is a plain word, else quoted.
func quoteLimitedKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return quoteLimited(k)
		}
	}
	if len(k) == 0 || len(k) > 40 {
		return quoteLimited(k)
	}
	return k
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// mapsISO reports whether custom.frameworks maps ISO/IEC 27001:2022
// controls (under iso-27001 or its alias), in place of custom.controls.
func mapsISO(c map[string]any) bool {
	fw, _ := c["frameworks"].(map[string]any)
	for key, v := range fw {
		if list, _ := v.([]any); len(list) > 0 && frameworks.Canonical(key) == frameworks.ISO27001 {
			return true
		}
	}
	return false
}
