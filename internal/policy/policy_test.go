package policy

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

func TestRuleID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pkg, id, err string
	}{
		// Plain names: underscores become hyphens.
		{"ifacelint.rules.acme.payments_mtls", "acme/payments-mtls", ""},
		{"ifacelint.rules.third_party.assessment_current", "third-party/assessment-current", ""},
		{"ifacelint.rules.authentication.admin_mfa", "authentication/admin-mfa", ""},
		{"ifacelint.rules.authentication.admin_mfa_test", "authentication/admin-mfa-test", ""},
		{"ifacelint.rules.acme.x__y_", "acme/x--y-", ""},
		{"ifacelint.rules.a2.b3", "a2/b3", ""},
		// Quoted segments are the same names as the plain spelling.
		{`ifacelint.rules.acme["x-y"]`, "acme/x-y", ""},
		{`ifacelint.rules.acme["x_y"]`, "acme/x-y", ""},
		{"ifacelint.rules.acme.x_y", "acme/x-y", ""},
		{`ifacelint.rules["acme"]["internal-needs-mtls"]`, "acme/internal-needs-mtls", ""},
		{`ifacelint["rules"].acme.x`, "acme/x", ""},
		{`ifacelint.rules.acme["2fa"]`, "acme/2fa", ""},
		// Not a rule package: no id, no error.
		{"ifacelint.lib", "", ""},
		{"ifacelint.rules", "", ""},
		{"ifacelint.rules.acme", "", ""},
		{"ifacelint.rules.acme.x.y", "", ""},
		{`ifacelint.rules.acme["a/b"].c`, "", ""},
		{"other.rules.acme.x", "", ""},
		{"ifacelint.rulesx.authentication.admin_mfa", "", ""},
		{"acme.rules", "", ""},
		// A rule package whose names cannot form an id.
		{`ifacelint.rules.acme["a/b"]`, "", `package ifacelint.rules.acme["a/b"]: the name "a/b" cannot form a rule id: a rule id is made of lower-case letters, digits, hyphens and underscores only`},
		{`ifacelint.rules.acme["a.b"]`, "", `the name "a.b" cannot form a rule id`},
		{`ifacelint.rules["a b"].x`, "", `the category "a b" cannot form a rule id`},
		{`ifacelint.rules.acme["a\tb"]`, "", `the name "a\tb" cannot form a rule id`},
		{`ifacelint.rules.acme["a\u001b[31m"]`, "", `the name "a\x1b[31m" cannot form a rule id`},
		{`ifacelint.rules.acme["a\"b"]`, "", `cannot form a rule id: a rule id is made of`},
		{`ifacelint.rules.acme["a'b"]`, "", `cannot form a rule id: a rule id is made of`},
		{`ifacelint.rules.acme["\u00e9"]`, "", `the name "\u00e9" cannot form a rule id`},
		{`ifacelint.rules.acme["é"]`, "", `the name "\u00e9" cannot form a rule id`},
		{`ifacelint.rules.acme[""]`, "", `the name "" cannot form a rule id: it is empty`},
		{"ifacelint.rules.acme.MTLS", "", `the name "MTLS" cannot form a rule id: a rule id is lower case (write "mtls")`},
		{"ifacelint.rules.Acme.x", "", `the category "Acme" cannot form a rule id: a rule id is lower case (write "acme")`},
		{"ifacelint.rules.acme._x", "", `the name "_x" cannot form a rule id: it must start with a letter or a digit`},
		{`ifacelint.rules.acme["-x"]`, "", `the name "-x" cannot form a rule id: it must start with a letter or a digit`},
	}
	for _, tt := range tests {
		m, err := ast.ParseModuleWithOpts("t.rego", "package "+tt.pkg+"\n", ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatalf("package %s: %v", tt.pkg, err)
		}
		id, err := RuleID(m.Package.Path)
		if id != tt.id {
			t.Errorf("RuleID(%s) = %q, want %q", tt.pkg, id, tt.id)
		}
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("RuleID(%s): %v", tt.pkg, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("RuleID(%s) error = %v, want %q", tt.pkg, err, tt.err)
		}
	}
	// A term that is not a string (a package statement cannot spell one).
	ref := ast.MustParseRef("data.ifacelint.rules.acme")
	ref = append(ref, ast.IntNumberTerm(1))
	if id, err := RuleID(ref); id != "" || err == nil || !strings.Contains(err.Error(), "the name 1 is not a string") {
		t.Errorf("RuleID(%s) = %q, %v", ref, id, err)
	}
}

// Every built-in package derives its id, and the id names its file:
// policies/<category>/<name>/<name>.rego (BuiltinFile).
func TestRuleIDBuiltins(t *testing.T) {
	t.Parallel()
	srcs, err := BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	mods, err := Parse(nonTest(srcs))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mods {
		id, err := RuleID(m.Package.Path)
		if err != nil {
			t.Errorf("%s: %v", m.Package.Location.File, err)
			continue
		}
		if id == "" {
			continue
		}
		if want := BuiltinFile(id); m.Package.Location.File != want {
			t.Errorf("%s derives %s", m.Package.Location.File, id)
		}
	}
}

func catalogueOf(t *testing.T, srcs ...Source) (*Catalogue, error) {
	t.Helper()
	mods, err := Parse(srcs)
	if err != nil {
		return nil, err
	}
	return NewCatalogue(mods, false)
}

const ruleSrc = `# METADATA
# title: Payments use mTLS
# description: Card data is protected by mTLS.
# custom:
#   severity: warning
#   controls: ["8.24"]
#   remediation: Set mtls.
#   params:
#     limit: 3
package ifacelint.rules.acme.payments_mtls

deny contains "payments must use mTLS" if input.spec.type == "api"

deny contains {"msg": "at a path", "path": ["spec", "endpoints", 0, "url"]} if input.spec.type == "api"
`

func TestCatalogueFromMetadata(t *testing.T) {
	t.Parallel()
	cat, err := catalogueOf(t,
		Source{Name: "acme/mtls.rego", Text: ruleSrc},
		Source{Name: "acme/lib.rego", Text: "package ifacelint.rules.acme.lib_only\n\nhelper := 1\n"},
		Source{Name: "lib.rego", Text: "package acme.util\n\nx := 1\n"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := cat.IDs(); !reflect.DeepEqual(got, []string{"acme/payments-mtls"}) {
		t.Fatalf("ids = %q (a package without deny is a library)", got)
	}
	r := cat.Get("acme/payments-mtls")
	if r.Title != "Payments use mTLS" || r.Severity != Warning || !reflect.DeepEqual(r.Controls, []string{"8.24"}) ||
		r.Remediation != "Set mtls." || r.File != "acme/mtls.rego" || r.Params["limit"] == nil {
		t.Errorf("rule = %+v", r)
	}
}

func TestCatalogueErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		srcs []Source
		want string
	}{
		"missing severity means error": {
			[]Source{{Name: "a.rego", Text: "package ifacelint.rules.a.b\n\ndeny contains \"x\" if false\n"}}, "",
		},
		"unknown severity": {
			[]Source{{Name: "a.rego", Text: "# METADATA\n# custom:\n#   severity: fatal\npackage ifacelint.rules.a.b\n\ndeny contains \"x\" if false\n"}},
			`a.rego: rule a/b: METADATA custom.severity: unknown severity "fatal"`,
		},
		"id defined twice": {
			[]Source{
				{Name: "one.rego", Text: "package ifacelint.rules.a.b\n\ndeny contains \"x\" if false\n"},
				{Name: "two.rego", Text: "package ifacelint.rules.a.b\n\ndeny contains \"y\" if false\n"},
			},
			"two.rego:1:1: ifacelint_rule_error: rule id a/b is already defined by one.rego",
		},
		"syntax error with position": {
			[]Source{{Name: "bad.rego", Text: "package ifacelint.rules.a.b\n\ndeny contains x if {\n"}},
			"bad.rego:4:1: rego_parse_error: unexpected eof token",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cat, err := catalogueOf(t, tc.srcs...)
			if tc.want == "" {
				if err != nil || cat.Get("a/b").Severity != Error {
					t.Fatalf("err %v, rule %+v", err, cat.Get("a/b"))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func engineFor(t *testing.T, src string) (*Engine, error) {
	t.Helper()
	srcs := []Source{{Name: "custom/rule.rego", Text: src}}
	mods, err := Parse(srcs)
	if err != nil {
		return nil, err
	}
	cat, err := NewCatalogue(mods, false)
	if err != nil {
		return nil, err
	}
	opts := allRules(t, mods, cat)
	opts.Now = time.Now()
	return NewEngine(context.Background(), opts)
}

// allRules resolves the engine options of a run that enables every rule
// of the catalogue, as a run without config or flags does.
func allRules(t *testing.T, mods []*ast.Module, cat *Catalogue) EngineOptions {
	t.Helper()
	res, err := Resolve(&Set{Catalogue: cat, Modules: mods}, nil, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	return res.EngineOptions()
}

func TestFindingShapes(t *testing.T) {
	t.Parallel()
	e, err := engineFor(t, ruleSrc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Eval(context.Background(), map[string]any{"spec": map[string]any{"type": "api"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Finding{
		{Rule: "acme/payments-mtls", Message: "payments must use mTLS"},
		{Rule: "acme/payments-mtls", Message: "at a path", Path: []any{"spec", "endpoints", 0, "url"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

// Fail closed: malformed findings, sandbox violations and runtime errors
// are errors, never a silent pass.
func TestPolicyErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		body string
		want string
	}{
		"finding without msg":  {`deny contains {"message": "x"} if true`, "a finding object needs a string msg"},
		"finding of a number":  {`deny contains 42 if true`, "a finding must be a string or {msg, path}"},
		"path not a list":      {`deny contains {"msg": "x", "path": "spec.a"} if true`, "a finding's path must be a list"},
		"path with a float":    {`deny contains {"msg": "x", "path": ["spec", 1.5]} if true`, "path index must be a whole number"},
		"http.send":            {`deny contains "x" if http.send({"method": "get", "url": "http://example.com"})`, "custom/rule.rego:3:22: rego_type_error: undefined function http.send"},
		"opa.runtime":          {`deny contains "x" if opa.runtime().env.HOME`, "undefined function opa.runtime"},
		"net.lookup_ip_addr":   {`deny contains "x" if net.lookup_ip_addr("example.com")`, "undefined function net.lookup_ip_addr"},
		"strict builtin error": {`deny contains "x" if to_number("not a number") > 1`, "custom/rule.rego:3:22: eval_builtin_error: to_number: strconv.ParseFloat: parsing"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e, err := engineFor(t, "package ifacelint.rules.custom.rule\n\n"+tc.body+"\n")
			if err == nil {
				_, err = e.Eval(context.Background(), map[string]any{}, true)
			}
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a PolicyError containing %q", err, tc.want)
			}
		})
	}
}

func TestSeverity(t *testing.T) {
	t.Parallel()
	if !Warning.Fails(Warning) || Warning.Fails(Error) || Error.Fails(Never) || !Info.Fails(Info) {
		t.Error("Fails is wrong")
	}
	if _, err := ParseFailOn("fatal"); err == nil {
		t.Error("ParseFailOn accepted fatal")
	}
}

// A rule is in the policy directory it was read from, however the
// directory is spelt: ".", "./p", "p/", a file named as itself.
func TestWithin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dir, file string
		want      bool
	}{
		{".", "acme/x.rego", true},
		{".", "x.rego", true},
		{"./", "acme/x.rego", true},
		{"p", "p/acme/x.rego", true},
		{"./p", "p/x.rego", true},
		{"p/", "p/x.rego", true},
		{"p/x.rego", "p/x.rego", true},
		{"p", "pq/x.rego", false},
		{"p", "q/x.rego", false},
		{".", "../x.rego", false},
		{".", "..x/y.rego", true},
		{"/abs/p", "/abs/p/x.rego", true},
		{"/abs/p", "p/x.rego", false},
		{".", "/abs/x.rego", false},
		{"pol", "pol", true},
	}
	for _, tt := range tests {
		if got := within(tt.dir, tt.file); got != tt.want {
			t.Errorf("within(%q, %q) = %v, want %v", tt.dir, tt.file, got, tt.want)
		}
	}
}
