package policy

import (
	"strings"
	"testing"
)

// Every custom module of a rule package is that catalogued rule, and every
// deny is its package's: else the load is an error at file:line:col.
func TestCheckEvaluated(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		files []string // "name\ntext"
		ids   string   // the catalogued ids, when no error
		err   string
	}{
		"quoted name": {
			files: []string{"a.rego\npackage ifacelint.rules.acme[\"internal-needs-mtls\"]\n\ndeny contains \"x\" if true\n"},
			ids:   "acme/internal-needs-mtls",
		},
		"quoted category and name": {
			files: []string{"a.rego\npackage ifacelint.rules[\"acme\"][\"x_y\"]\n\ndeny contains \"x\" if true\n"},
			ids:   "acme/x-y",
		},
		"deny as a partial set, an object, a function": {
			files: []string{
				"a.rego\npackage ifacelint.rules.acme.a\n\ndeny[x] := 1 if x := \"k\"\n",
				"b.rego\npackage ifacelint.rules.acme.b\n\ndeny.x contains \"y\" if true\n",
				"c.rego\npackage ifacelint.rules.acme.c\n\ndeny := {\"a\"}\n",
			},
			ids: "acme/a acme/b acme/c",
		},
		"a rule package split in two files": {
			files: []string{
				"a.rego\npackage ifacelint.rules.acme.x\n\ndeny contains msg if msg := helper\n",
				"b.rego\npackage ifacelint.rules.acme.x\n\nhelper := \"h\"\n",
			},
			ids: "acme/x",
		},
		"a library": {
			files: []string{
				"a.rego\npackage ifacelint.rules.acme.x\n\ndeny contains \"x\" if false\n",
				"lib.rego\npackage acme.lib\n\ndeny := 1\n",
			},
			ids: "acme/x",
		},
		"quoted and plain spelling of one id": {
			files: []string{
				"a.rego\npackage ifacelint.rules.acme[\"x-y\"]\n\ndeny contains \"x\" if false\n",
				"b.rego\npackage ifacelint.rules.acme.x_y\n\ndeny contains \"x\" if true\n",
			},
			err: "b.rego:1:1: ifacelint_rule_error: rule id acme/x-y is already defined by a.rego",
		},
		"hyphen and underscore quoted": {
			files: []string{
				"a.rego\npackage ifacelint.rules.acme[\"x-y\"]\n\ndeny contains \"x\" if false\n",
				"b.rego\npackage ifacelint.rules.acme[\"x_y\"]\n\ndeny contains \"x\" if true\n",
			},
			err: "b.rego:1:1: ifacelint_rule_error: rule id acme/x-y is already defined by a.rego",
		},
		"a helper under another spelling": {
			files: []string{
				"a.rego\npackage ifacelint.rules.acme[\"x-y\"]\n\ndeny contains \"x\" if false\n",
				"b.rego\npackage ifacelint.rules.acme.x_y\n\nhelper := 1\n",
			},
			err: `b.rego:1:1: ifacelint_rule_error: package ifacelint.rules.acme.x_y has the rule id acme/x-y of package ifacelint.rules.acme["x-y"] (a.rego)`,
		},
		"a misspelt deny": {
			files: []string{
				"a.rego\npackage ifacelint.rules.acme.x\n\ndeny contains \"x\" if false\n",
				"b.rego\n# comment\npackage ifacelint.rules.acme.typo\n\nDeny contains \"x\" if true\n",
			},
			err: "b.rego:2:1: ifacelint_rule_error: package ifacelint.rules.acme.typo defines no deny",
		},
		"a deny below the package": {
			files: []string{"a.rego\npackage ifacelint.rules.acme.x\n\ndeny contains \"x\" if false\n\nsub.deny contains \"y\" if true\n"},
			err:   "a.rego:5:1: ifacelint_rule_error: data.ifacelint.rules.acme.x.sub.deny is never evaluated",
		},
		"a deny deeper below the package": {
			files: []string{"a.rego\npackage ifacelint.rules.acme.x\n\ndeny contains \"x\" if false\n\na.deny.b := 1\n"},
			err:   "a.rego:5:1: ifacelint_rule_error: data.ifacelint.rules.acme.x.a.deny.b is never evaluated",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var srcs []Source
			for _, f := range tt.files {
				n, text, _ := strings.Cut(f, "\n")
				srcs = append(srcs, Source{Name: n, Text: text})
			}
			mods, err := Parse(srcs)
			if err != nil {
				t.Fatal(err)
			}
			cat, err := NewCatalogue(mods, false)
			if err == nil {
				err = checkEvaluated(mods, cat)
			}
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error = %v, want %q", err, tt.err)
			case tt.err == "" && strings.Join(cat.IDs(), " ") != tt.ids:
				t.Fatalf("ids = %v, want %s", cat.IDs(), tt.ids)
			}
		})
	}
}

// A *_test.rego module of a rule package defines no deny.
func TestCheckTestsDefineNoDeny(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"package ifacelint.rules.acme.x\n\ntest_a if true\n":                             "",
		"package ifacelint.rules.acme.x_test\n\ntest_a if true\n":                        "",
		"package acme.helpers_test\n\ndeny contains \"x\" if true\n":                     "",
		"package ifacelint.rules.acme.x\n\ndeny contains \"x\" if true\n":                "x_test.rego:3:1: ifacelint_rule_error: deny in a *_test.rego file is never evaluated by lint",
		"package ifacelint.rules.acme[\"x\"]\n\ntest_a if true\n\nsub.deny := {\"x\"}\n": "x_test.rego:5:1: ifacelint_rule_error: deny in a *_test.rego file",
	} {
		mods, err := Parse([]Source{{Name: "x_test.rego", Text: text, Test: true}})
		if err != nil {
			t.Fatal(err)
		}
		err = checkTestsDefineNoDeny(mods)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: unexpected error: %v", text, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: error = %v, want %q", text, err, want)
		}
	}
}

// lint reads the test files that mention deny for that check alone; one
// that does not parse is left to `ifacelint test`.
func TestCheckTestSources(t *testing.T) {
	t.Parallel()
	ok := []Source{
		{Name: "a_test.rego", Test: true, Text: "package ifacelint.rules.acme.x\n\ntest_a if count(deny) == 0\n"},
		{Name: "b_test.rego", Test: true, Text: "package ifacelint.rules.acme.x\n\ndeny contains \"x\" if {\n"},
		{Name: "c.rego", Text: "package ifacelint.rules.acme.x\n\ndeny contains \"x\" if true\n"},
	}
	if err := checkTestSources(ok); err != nil {
		t.Fatal(err)
	}
	bad := append(ok, Source{Name: "d_test.rego", Test: true, Text: "package ifacelint.rules.acme.x\n\ndeny contains \"x\" if true\n"})
	if err := checkTestSources(bad); err == nil || !strings.Contains(err.Error(), "d_test.rego:3:1: ifacelint_rule_error: deny in a *_test.rego file") {
		t.Fatalf("err = %v", err)
	}
}

// A rule applies to at least one known document kind: METADATA
// custom.kinds that names none would be a rule that never runs.
func TestKindsNameAKind(t *testing.T) {
	t.Parallel()
	for kinds, want := range map[string]string{
		"[Interface]":             "",
		"[ThirdParty, Interface]": "",
		"[]":                      "want a list of document kinds",
		"":                        "want a list of document kinds",
		"null":                    "want a list of document kinds",
		"Interface":               "want a list of document kinds",
		"[Service]":               `"Service" is not a document kind`,
		"[interface]":             `"interface" is not a document kind`,
		"[Interface, Interface]":  "Interface is listed twice",
	} {
		text := "# METADATA\n# title: T\n# custom:\n#   kinds: " + kinds + "\npackage ifacelint.rules.acme.x\n\ndeny contains \"x\" if true\n"
		mods, err := Parse([]Source{{Name: "x.rego", Text: text}})
		if err != nil {
			t.Fatal(err)
		}
		metaErr := checkMetadata(mods)
		_, catErr := NewCatalogue(mods, false)
		for _, err := range []error{metaErr, catErr} {
			switch {
			case want == "" && err != nil:
				t.Errorf("kinds: %s: unexpected error: %v", kinds, err)
			case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
				t.Errorf("kinds: %s: error = %v, want %q", kinds, err, want)
			}
		}
	}
}
