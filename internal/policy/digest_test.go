package policy

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// The policy digest identifies the modules' text: the same policies give
// the same digest from any path and in any order; any change to a module
// changes it; test files do not count.
func TestDigest(t *testing.T) {
	t.Parallel()
	rule := func(name, msg string) string {
		return "package ifacelint.rules.acme." + name + "\n\ndeny contains \"" + msg + "\" if { input.kind == \"Nope\" }\n"
	}
	write := func(dir string, files map[string]string) string {
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	digest := func(dirs ...string) string {
		t.Helper()
		set, err := Load(LoadOptions{Dirs: dirs})
		if err != nil {
			t.Fatal(err)
		}
		return set.Digest()
	}
	builtin := digest()
	if !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(builtin) {
		t.Fatalf("digest %q", builtin)
	}
	one := write(t.TempDir(), map[string]string{"one.rego": rule("one", "x")})
	two := write(t.TempDir(), map[string]string{"two.rego": rule("two", "y"), "two_test.rego": "package ifacelint.rules.acme.two_test\n"})
	moved := write(t.TempDir(), map[string]string{"elsewhere.rego": rule("one", "x")})
	changed := write(t.TempDir(), map[string]string{"one.rego": rule("one", "z")})

	if d := digest(one); d == builtin {
		t.Error("a custom policy does not change the digest")
	}
	if digest(one, two) != digest(two, one) {
		t.Error("the order of --policy directories changes the digest")
	}
	if digest(one) != digest(moved) {
		t.Error("the path of a module changes the digest")
	}
	if digest(one) == digest(changed) {
		t.Error("a changed module keeps the digest")
	}
	noTest := write(t.TempDir(), map[string]string{"two.rego": rule("two", "y")})
	if digest(one, two) != digest(one, noTest) {
		t.Error("a _test.rego file changes the digest")
	}
}

// The fingerprint holds the memory limit: a result cached under a higher
// limit may be a MemoryError under a lower one.
func TestFingerprintHoldsTheMemoryLimit(t *testing.T) {
	t.Parallel()
	mods, err := Parse([]Source{{Name: "custom/rule.rego", Text: "package ifacelint.rules.custom.rule\n\ndeny contains \"x\" if true\n"}})
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := NewCatalogue(mods, false)
	fp := func(limit int64) [32]byte {
		opts := allRules(t, mods, cat)
		opts.Now, opts.MaxMemory = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), limit
		e, err := NewEngine(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return e.Fingerprint()
	}
	if fp(0) != fp(DefaultMaxMemory) {
		t.Error("0 and DefaultMaxMemory fingerprint differently")
	}
	if fp(64<<20) == fp(DefaultMaxMemory) || fp(-1) == fp(DefaultMaxMemory) {
		t.Error("another memory limit has the same fingerprint")
	}
}
