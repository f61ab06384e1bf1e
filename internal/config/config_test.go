package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/ifacelint/ifacelint/internal/policy"
)

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	t.Parallel()
	p := writeConfig(t, `inventory: [inventory, more]
policies: [policies/custom]
exclude: ["inventory/archive/**"]
failOn: warning
rules:
  availability/rate-limited: {severity: warning}
  testing/pentest-current: {enabled: false}
  ownership/review-current: {maxAgeDays: 180}
frameworks: [soc2, pci-dss-4, soc2]
`)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(c.File)
	if !reflect.DeepEqual(c.Inventory, []string{filepath.Join(dir, "inventory"), filepath.Join(dir, "more")}) {
		t.Errorf("inventory = %q (relative to the config file)", c.Inventory)
	}
	if c.FailOn != policy.Warning || c.Rules["availability/rate-limited"].Severity != policy.Warning ||
		*c.Rules["testing/pentest-current"].Enabled || c.Rules["ownership/review-current"].Params["maxAgeDays"] == nil ||
		!reflect.DeepEqual(c.Frameworks, []string{"soc2", "pci-dss-4"}) {
		t.Errorf("config = %+v", c)
	}
}

// The config is validated like the inventory: errors carry file:line:col.
func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src  string
		want string
	}{
		"unknown key":      {"inventory: [a]\nfailon: error\n", `:2:1: failon: unknown field; did you mean "failOn"?`},
		"bad value":        {"failOn: fatal\n", `:1:1: failOn: "fatal" is not one of error, warning, info, never`},
		"wrong type":       {"inventory: inventory\n", `:1:1: inventory: expected list, got string`},
		"bad severity":     {"rules:\n  a/b: {severity: fatal}\n", `:2:9: rules["a/b"].severity: "fatal" is not one of error, warning, info`},
		"bad glob":         {"exclude: [\"a[\"]\n", `:1:1: invalid exclude pattern "a["`},
		"yaml error":       {"rules: [\n", `:1:1: YAML syntax error: did not find expected node content`},
		"not a mapping":    {"- a\n", `:1:1: the config must be a mapping`},
		"two documents":    {"failOn: error\n---\nfailOn: info\n", `:3:1: a config file holds one YAML document`},
		"duplicate key":    {"failOn: error\nfailOn: info\n", `:2:1: duplicate key "failOn"`},
		"bad framework":    {"frameworks:\n  - soc2\n  - hippa\n", `:3:5: frameworks[1]: "hippa" is not one of iso-27001, soc2, nist-800-53, cis-v8, pci-dss-4, ccm-v4, hipaa, gdpr, owasp-api-2023, iso27001`},
		"enabled not bool": {"rules:\n  a/b: {enabled: yes}\n", `:2:9: rules["a/b"].enabled: expected boolean, got string "yes"; write true or false`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(writeConfig(t, tc.src))
			if err == nil || !strings.Contains(err.Error(), FileName+tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, FileName+tc.want)
			}
		})
	}
}

func TestCheckRules(t *testing.T) {
	t.Parallel()
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cat := set.Catalogue
	tests := map[string]struct {
		src  string
		want string
	}{
		"fine":               {"rules:\n  ownership/review-current: {maxAgeDays: 30, severity: error}\n", ""},
		"unknown rule":       {"rules:\n  nope/nothing: {enabled: false}\n", `:2:3: unknown rule "nope/nothing"`},
		"unknown parameter":  {"rules:\n  ownership/review-current: {maxAge: 30}\n", `:2:30: rule ownership/review-current has no parameter "maxAge"; its parameters are maxAgeDays`},
		"parameter type":     {"rules:\n  ownership/review-current: {maxAgeDays: soon}\n", `:2:30: parameter maxAgeDays of ownership/review-current must be a whole number`},
		"no parameters":      {"rules:\n  data/classified: {level: 3}\n", `rule data/classified has no parameter "level"; it has no parameters`},
		"schema/invalid off": {"rules:\n  schema/invalid: {enabled: false}\n", `:2:3: schema/invalid can be neither disabled nor downgraded`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := Load(writeConfig(t, tc.src))
			if err != nil {
				t.Fatal(err)
			}
			err = c.CheckRules(cat)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	sub := filepath.Join(root, "repo", "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	// Above the repository root: must not be found.
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(sub); err != nil || got != "" {
		t.Fatalf("Find = %q, %v; want none (stops at the repository root)", got, err)
	}
	want := filepath.Join(root, "repo", "a", FileName)
	if err := os.WriteFile(want, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(sub); err != nil || got != want {
		t.Fatalf("Find = %q, %v; want %q", got, err, want)
	}
}

func TestFindStaysInTheProject(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		setup []string // "file:PATH", "dir:PATH"; PATH relative to the temp dir
		start string
		want  string // relative to the temp dir; "" is none
	}{
		"outside a repository: only the working directory": {
			setup: []string{"file:" + FileName, "dir:checkout/sub"}, start: "checkout/sub",
		},
		"outside a repository: in the working directory": {
			setup: []string{"file:checkout/" + FileName}, start: "checkout", want: "checkout/" + FileName,
		},
		"a worktree's .git file is a repository root": {
			setup: []string{"file:" + FileName, "file:checkout/.git", "dir:checkout/sub"}, start: "checkout/sub",
		},
		"found at the repository root": {
			setup: []string{"file:checkout/" + FileName, "dir:checkout/.git", "dir:checkout/sub"}, start: "checkout/sub", want: "checkout/" + FileName,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			for _, s := range tt.setup {
				kind, p, _ := strings.Cut(s, ":")
				p = filepath.Join(root, p)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				var err error
				if kind == "dir" {
					err = os.MkdirAll(p, 0o755)
				} else {
					err = os.WriteFile(p, []byte("{}\n"), 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			got, err := Find(filepath.Join(root, tt.start))
			want := ""
			if tt.want != "" {
				want = filepath.Join(root, tt.want)
			}
			if err != nil || got != want {
				t.Fatalf("Find = %q, %v; want %q", got, err, want)
			}
		})
	}
}

func TestLoadRefusesSpecialFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", 2<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo:        "is a named pipe (FIFO), not a regular file",
		zero:        "is a symlink",
		"/dev/zero": "is a character device",
		big:         "over the 1 MiB size limit",
	} {
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%s) = %v, want %q", path, err, want)
		}
	}
}

func TestLoadKeepsPathsInsideTheRepository(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		config string
		git    bool
		want   string // "" loads
	}{
		"inside":                       {config: "inventory: [inventory, sub/../inventory]\npolicies: [policies]\n", git: true},
		"above the repository":         {config: "inventory: [inventory, ../outside]\n", git: true, want: ":1:24: ../outside is outside the repository"},
		"an absolute path":             {config: "policies: [/etc]\n", git: true, want: ":1:12: /etc is outside the repository"},
		"through a symlink":            {config: "inventory: [link/sub]\n", git: true, want: ":1:13: link/sub leads outside the repository"},
		"outside a repository: as set": {config: "inventory: [../outside, /etc]\n"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			top := t.TempDir()
			repo := filepath.Join(top, "repo")
			for _, d := range []string{"repo/inventory", "repo/policies", "outside/sub"} {
				if err := os.MkdirAll(filepath.Join(top, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Symlink("../outside", filepath.Join(repo, "link")); err != nil {
				t.Fatal(err)
			}
			if tt.git {
				if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			p := filepath.Join(repo, FileName)
			if err := os.WriteFile(p, []byte(tt.config), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(p)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// frameworks: takes iso-27001 and its other spelling iso27001, which means
// the same framework: read as iso-27001, once.
func TestFrameworksAlias(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][]string{
		"frameworks: [iso-27001, soc2]\n":           {"iso-27001", "soc2"},
		"frameworks: [iso27001, soc2]\n":            {"iso-27001", "soc2"},
		"frameworks: [iso27001, soc2, iso-27001]\n": {"iso-27001", "soc2"},
	} {
		c, err := Load(writeConfig(t, in))
		if err != nil || !reflect.DeepEqual(c.Frameworks, want) {
			t.Errorf("%q: frameworks = %q, %v; want %q", in, c.Frameworks, err, want)
		}
	}
}
