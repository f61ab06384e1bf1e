package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommit runs the real pre-commit framework (`pre-commit try-repo`)
// with this repository's .pre-commit-hooks.yaml against a temporary git
// repository: a violating staged file is blocked with the finding shown,
// a clean one passes, and a YAML file outside the inventory is skipped.
// CI installs pre-commit (Debian package); elsewhere the test is skipped
// when it is missing, but never under CI.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool through pre-commit")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed; .ci/run must install it (apt-get install pre-commit)")
		}
		t.Skip("pre-commit is not installed (apt-get install pre-commit)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+t.TempDir(),
		// pre-commit gives each hook environment its own GOPATH; sharing
		// the module cache avoids downloading every module again.
		"GOMODCACHE="+strings.TrimSpace(string(modcache)),
		"GOTOOLCHAIN=local",
		"GIT_CONFIG_GLOBAL=/dev/null",
		"NO_COLOR=1",
	)
	sh := func(wantOK bool, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		if (err == nil) != wantOK {
			t.Fatalf("%s %s: err = %v, want ok = %v\n%s", name, strings.Join(args, " "), err, wantOK, out.String())
		}
		return out.String()
	}
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sh(true, "git", "init", "-q", "-b", "main")
	sh(true, "git", "config", "user.email", "dev@example.com")
	sh(true, "git", "config", "user.name", "Dev")
	write(".ifacelint.yaml", "inventory: [inventory]\n")
	write("inventory/vendors.yaml", "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata: {id: acme, name: Acme, owner: {team: vm, contact: vm@example.com}}\nspec: {assessment: {date: 2099-01-01, result: approved}, contract: {dpa: true}}\n")
	sh(true, "git", "add", ".")
	sh(true, "git", "commit", "-q", "-m", "inventory")

	clean := `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: ops-handoff
  name: Ops hand-off
  description: Support escalates incidents to operations.
  owner: {team: ops, contact: ops@example.com}
  lastReviewed: 2099-01-01
spec:
  type: workflow
  direction: outbound
  exposure: internal
  thirdParty: acme
  data:
    classification: internal
    flows: [{from: support, to: ops}]
  changeManagement: {process: cab}
`
	// A clean staged file passes; its third party lives in another file.
	write("inventory/handoff.yaml", clean)
	sh(true, "git", "add", ".")
	out := sh(true, "pre-commit", "try-repo", root, "ifacelint", "--verbose")
	if !strings.Contains(out, "Passed") || !strings.Contains(out, "no problems · 1 file, 1 document") {
		t.Fatalf("clean file: want Passed and a one-file report\n%s", out)
	}

	// A violating staged file is blocked and the finding is shown.
	write("inventory/handoff.yaml", strings.Replace(clean, "  id: ops-handoff\n", "  id: ops-handoff\n  # owner removed below\n", 1)+"  x-note: fine\n")
	write("inventory/dup.yaml", strings.Replace(clean, "  owner: {team: ops, contact: ops@example.com}\n", "", 1))
	sh(true, "git", "add", ".")
	out = sh(false, "pre-commit", "try-repo", root, "ifacelint")
	for _, want := range []string{"Failed", "inventory/dup.yaml", "ownership/owner-assigned", "inventory/unique-id"} {
		if !strings.Contains(out, want) {
			t.Errorf("violating file: output lacks %q\n%s", want, out)
		}
	}

	// Files that are never inventory are not passed to the hook at all:
	// the config, pre-commit's own file, a workflow under a dot-directory.
	sh(true, "git", "reset", "-q")
	sh(true, "git", "checkout", "-q", "--", ".")
	sh(true, "git", "clean", "-qfd")
	write(".github/workflows/ci.yml", "on: push\n")
	write(".ifacelint.yaml", "inventory: [inventory]\nfailOn: error\n")
	write(".pre-commit-config.yaml", "repos: []\n")
	sh(true, "git", "add", ".")
	out = sh(true, "pre-commit", "try-repo", root, "ifacelint", "--verbose")
	if !strings.Contains(out, "(no files to check)") || strings.Contains(out, "skipped:") {
		t.Errorf("config, pre-commit and workflow files: want no files passed to the hook\n%s", out)
	}

	// A YAML file outside the inventory roots is skipped with a notice, not
	// an error.
	sh(true, "git", "reset", "-q")
	sh(true, "git", "checkout", "-q", "--", ".")
	sh(true, "git", "clean", "-qfd")
	write("docs/notes.yaml", "title: not inventory\n")
	sh(true, "git", "add", ".")
	out = sh(true, "pre-commit", "try-repo", root, "ifacelint", "--verbose")
	if !strings.Contains(out, "skipped: outside the inventory roots") {
		t.Errorf("non-inventory file: want a skip notice\n%s", out)
	}
}
