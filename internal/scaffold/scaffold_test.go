package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseName(t *testing.T) {
	t.Parallel()
	for spec, want := range map[string]string{
		"transport/mtls-required": "transport/mtls_required",
		"transport/mtls_required": "transport/mtls_required",
		"third-party/exit-plan":   "third_party/exit_plan",
		"a1/b2":                   "a1/b2",
	} {
		c, n, err := ParseName(spec)
		if err != nil || c+"/"+n != want {
			t.Errorf("ParseName(%q) = %q, %q, %v; want %s", spec, c, n, err, want)
		}
	}
	for spec, want := range map[string]string{
		"":                             "want NAME=<category>/<name>",
		"transport":                    "want NAME=<category>/<name>",
		"a/b/c":                        "want NAME=<category>/<name>",
		"/name":                        `the category "" is empty`,
		"transport/":                   `the name "" is empty`,
		"Transport/x":                  "must start with a lower-case letter",
		"transport/1x":                 "must start with a lower-case letter",
		"transport/x.y":                "holds only lower-case letters",
		"transport/x__y":               "joins words with one _ or -",
		"transport/x-":                 "joins words with one _ or -",
		"transport/../x":               "want NAME=<category>/<name>",
		"..":                           "want NAME=<category>/<name>",
		"lib/helpers":                  "lib/ holds the shared helpers",
		"transport/tls_test":           "a name ending in _test",
		"x/" + strings.Repeat("a", 41): "longer than 40",
	} {
		if _, _, err := ParseName(spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseName(%q) = %v, want %q", spec, err, want)
		}
	}
}

// policiesDir is a temporary stand-in for the repository's policies/.
func policiesDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRule(t *testing.T) {
	t.Parallel()
	dir := policiesDir(t)
	f, err := Rule(dir, "transport/mtls-required")
	if err != nil {
		t.Fatal(err)
	}
	want := Files{
		Dir:  filepath.Join(dir, "transport", "mtls_required"),
		Rule: filepath.Join(dir, "transport", "mtls_required", "mtls_required.rego"),
		Test: filepath.Join(dir, "transport", "mtls_required", "mtls_required_test.rego"),
	}
	if f != want {
		t.Fatalf("files = %+v, want %+v", f, want)
	}
	rule, err := os.ReadFile(f.Rule)
	if err != nil {
		t.Fatal(err)
	}
	test, err := os.ReadFile(f.Test)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"package ifacelint.rules.transport.mtls_required\n", "# title: TODO", "#   severity:", "#   kinds:", "#   controls:",
		"#   frameworks:", "#   trigger:", "#   remediation:", "#   params:", "#     fail: |", "#     pass: |"} {
		if !strings.Contains(string(rule), s) {
			t.Errorf("the rule lacks %q", s)
		}
	}
	for _, s := range []string{"package ifacelint.rules.transport.mtls_required_test\n", "import data.ifacelint.rules.transport.mtls_required as rule\n",
		"test_fires if", "test_passes if", "transport/mtls-required fires"} {
		if !strings.Contains(string(test), s) {
			t.Errorf("the test lacks %q", s)
		}
	}
	entries, err := os.ReadDir(f.Dir)
	if err != nil || len(entries) != 2 {
		t.Errorf("the folder holds %v (%v), want the two files", entries, err)
	}

	// A second time, the rule exists; another spelling of its id too.
	for _, spec := range []string{"transport/mtls-required", "transport/mtls_required"} {
		if _, err := Rule(dir, spec); err == nil || !strings.Contains(err.Error(), "rule transport/mtls-required exists") {
			t.Errorf("Rule(%s) again: %v", spec, err)
		}
	}
	if got, err := os.ReadFile(f.Rule); err != nil || string(got) != string(rule) {
		t.Errorf("the existing rule changed: %v", err)
	}
}

func TestRuleRefused(t *testing.T) {
	t.Parallel()
	dir := policiesDir(t)
	if _, err := Rule(dir, "transport/Bad"); err == nil {
		t.Error("a bad name was accepted")
	}
	if _, err := Rule(t.TempDir(), "transport/x"); err == nil || !strings.Contains(err.Error(), "has no lib/") {
		t.Errorf("a directory without lib/: %v", err)
	}
	// A file where the rule's folder would go.
	if err := os.MkdirAll(filepath.Join(dir, "transport"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "transport", "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Rule(dir, "transport/x"); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a file in the folder's place: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "transport"))
	if len(entries) != 1 {
		t.Errorf("refused runs left %v behind", entries)
	}
}

// init pins the pre-commit hook at a rev that exists: a release's own tag,
// and main for every other build (a development build's version names no
// tag, and pre-commit would fail every commit with "pathspec … did not
// match").
func TestInitHookRev(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ version, rev string }{
		{"v0.1.0", "v0.1.0"},
		{"v1.12.3", "v1.12.3"},
		{"v2.0.0-rc.1", "v2.0.0-rc.1"},
		{"v0.0.0-dev.044128dd7f03", "main"},
		{"v0.0.0-20261207120000-0123456789ab", "main"},
		{"v0.1.0-0.20261207120000-0123456789ab", "main"},
		{"(devel)", "main"},
		{"", "main"},
	} {
		files, err := InitFiles(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), tt.version)
		if err != nil {
			t.Fatal(err)
		}
		var cfg string
		for _, f := range files {
			if f.Path == ".pre-commit-config.yaml" {
				cfg = f.Content
			}
		}
		var rev string
		for _, line := range strings.Split(cfg, "\n") {
			if r, ok := strings.CutPrefix(strings.TrimSpace(line), "rev: "); ok {
				rev = strings.Fields(r)[0]
			}
		}
		if rev != tt.rev {
			t.Errorf("version %q: rev %q, want %q\n%s", tt.version, rev, tt.rev, cfg)
		}
		if tt.rev == "main" && !strings.Contains(cfg, "pre-commit autoupdate") {
			t.Errorf("version %q: no hint to pin a release\n%s", tt.version, cfg)
		}
	}
}
