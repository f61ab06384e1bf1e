package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/policy"
)

const (
	userEntry     = "frameworks:\n  - key: acme-sec\n    title: Acme standard\n    catalogue: cat.yaml\n    mappings: map.yaml\n"
	userCatalogue = "controls:\n  - {id: A-1, title: Callers authenticated, family: Identity}\n  - {id: A-2, title: Traffic encrypted}\n"
	userMappings  = "mappings:\n  authentication/required: [A-1]\n  transport/tls-required: [A-2, A-2]\n"
)

// writeFiles writes name → content into a new directory and returns the
// config's path in it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, FileName)
}

// A frameworks: entry with a catalogue and a mappings file defines a
// framework: its controls in the catalogue's order, shown by default in
// the config's order, and its mappings on the rules they name.
func TestUserFramework(t *testing.T) {
	t.Parallel()
	c, err := Load(writeFiles(t, map[string]string{
		FileName:   "frameworks:\n  - soc2\n" + strings.TrimPrefix(userEntry, "frameworks:\n"),
		"cat.yaml": userCatalogue, "map.yaml": userMappings,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Frameworks, []string{"soc2", "acme-sec"}) || len(c.User) != 1 {
		t.Fatalf("frameworks %v, user %d", c.Frameworks, len(c.User))
	}
	f := c.UserFrameworks()[0]
	if f.Key != "acme-sec" || f.Name != "Acme standard" || !f.User || len(f.Controls) != 2 || f.Family("A-1") != "Identity" || !f.Has("A-2") {
		t.Errorf("framework %+v", f)
	}
	set, err := policy.Load(policy.LoadOptions{Frameworks: c.UserFrameworks()})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckFrameworks(set.Catalogue); err != nil {
		t.Fatal(err)
	}
	cat := set.Catalogue
	if got := cat.Get("transport/tls-required").Mappings()["acme-sec"]; !slices.Equal(got, []string{"A-2"}) {
		t.Errorf("transport/tls-required acme-sec = %v, want [A-2] (once)", got)
	}
	if got, ok := cat.Get("logging/enabled").Mappings()["acme-sec"]; !ok || got == nil || len(got) != 0 {
		t.Errorf("an unmapped rule's acme-sec = %v, %v; want an empty list", got, ok)
	}
	if cat.Framework("acme-sec") != f || !slices.Contains(cat.FrameworkKeys(), "acme-sec") {
		t.Error("the catalogue does not know the framework")
	}
}

// Every way a user framework can be wrong is exit 2 at the file, line and
// column of the mistake: in the config, the catalogue or the mappings file.
func TestUserFrameworkErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		files map[string]string
		want  string
	}{
		"built-in key": {map[string]string{FileName: strings.Replace(userEntry, "acme-sec", "hipaa", 1)},
			FileName + `:2:5: framework key "hipaa" is a built-in framework's: choose another key for your own`},
		"alias key": {map[string]string{FileName: strings.Replace(userEntry, "acme-sec", "iso27001", 1)},
			FileName + `:2:5: framework key "iso27001" is a built-in framework's`},
		"duplicate key": {map[string]string{FileName: userEntry + strings.TrimPrefix(userEntry, "frameworks:\n"), "cat.yaml": userCatalogue, "map.yaml": userMappings},
			FileName + `:6:5: framework key "acme-sec" is defined twice (first at frameworks[0])`},
		"bad key": {map[string]string{FileName: strings.Replace(userEntry, "acme-sec", "Acme Sec", 1)},
			FileName + `:2:5: frameworks[0].key: "Acme Sec" does not match`},
		"missing field": {map[string]string{FileName: strings.Replace(userEntry, "    mappings: map.yaml\n", "", 1)},
			FileName + `:2:5: frameworks[0]: missing required field "mappings"`},
		"not yaml": {map[string]string{FileName: strings.Replace(userEntry, "cat.yaml", "cat.json", 1)},
			FileName + `:4:5: frameworks[0].catalogue: "cat.json" does not match`},
		"no catalogue": {map[string]string{FileName: userEntry, "map.yaml": userMappings},
			FileName + `:4:5: framework catalogue cat.yaml: no such file or directory`},
		"no mappings": {map[string]string{FileName: userEntry, "cat.yaml": userCatalogue},
			FileName + `:5:5: framework mappings map.yaml: no such file or directory`},
		"catalogue syntax": {map[string]string{FileName: userEntry, "cat.yaml": "controls:\n  - [A-1\n", "map.yaml": userMappings},
			`cat.yaml:2:1: YAML syntax error`},
		"catalogue no title": {map[string]string{FileName: userEntry, "cat.yaml": "controls:\n  - {id: A-1}\n", "map.yaml": userMappings},
			`cat.yaml:2:5: controls[0]: missing required field "title"`},
		"catalogue duplicate id": {map[string]string{FileName: userEntry, "cat.yaml": userCatalogue + "  - {id: A-1, title: again}\n", "map.yaml": userMappings},
			`cat.yaml:4:6: control "A-1" is listed twice (first as controls[0])`},
		"catalogue empty": {map[string]string{FileName: userEntry, "cat.yaml": "controls: []\n", "map.yaml": userMappings},
			`cat.yaml:1:1: controls holds 0 entries: list from 1 to 5000 controls`},
		"catalogue not a mapping": {map[string]string{FileName: userEntry, "cat.yaml": "- A-1\n", "map.yaml": userMappings},
			`cat.yaml:1:1: a framework catalogue must be a mapping with controls`},
		"unknown control": {map[string]string{FileName: userEntry, "cat.yaml": userCatalogue, "map.yaml": "mappings:\n  authentication/required: [A-1, A-9]\n"},
			`map.yaml:2:34: "A-9" is not a control of Acme standard (catalogue `},
		"mapping not a list": {map[string]string{FileName: userEntry, "cat.yaml": userCatalogue, "map.yaml": "mappings:\n  authentication/required: A-1\n"},
			`map.yaml:2:3: mappings["authentication/required"]: expected list, got string`},
		"mapping bad rule id": {map[string]string{FileName: userEntry, "cat.yaml": userCatalogue, "map.yaml": "mappings:\n  Authentication: [A-1]\n"},
			`map.yaml:2:3: mappings.Authentication: unknown field`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(writeFiles(t, tc.files))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// A mappings file naming a rule that does not exist is exit 2 at its line,
// with the rule it most likely meant.
func TestUserFrameworkUnknownRule(t *testing.T) {
	t.Parallel()
	c, err := Load(writeFiles(t, map[string]string{FileName: userEntry, "cat.yaml": userCatalogue,
		"map.yaml": "mappings:\n  authentication/required: [A-1]\n  transport/tls-requird: [A-2]\n"}))
	if err != nil {
		t.Fatal(err)
	}
	set, err := policy.Load(policy.LoadOptions{Frameworks: c.UserFrameworks()})
	if err != nil {
		t.Fatal(err)
	}
	err = c.CheckFrameworks(set.Catalogue)
	if want := `map.yaml:3:3: unknown rule "transport/tls-requird" (see ` + "`ifacelint rules`" + `); did you mean transport/tls-required?`; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
}
