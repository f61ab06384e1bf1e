package policy

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
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
