//go:build !windows

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An interrupt ends a run as a limit does: exit 2 with a message, and the
// temporary directories it made (the mirror of a base revision) removed.
// The run is held in its base revision's evaluation by a custom policy that
// spins; the signal comes once the mirror exists.
func TestInterruptRemovesMirror(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	bin := toolPath(t)
	dir, tmp := t.TempDir(), t.TempDir()
	files := map[string]string{
		".ifacelint.yaml": "inventory: [inv]\npolicies: [policies]\n",
		"inv/a.yaml":      "apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: a, name: A}\nspec: {type: api, direction: inbound, exposure: internal}\n",
		"policies/acme/spin/spin.rego": "# METADATA\n# title: Spins\n# description: Never ends.\n# custom:\n#   severity: error\npackage ifacelint.rules.acme.spin\n\n" +
			"deny contains \"never\" if {\n\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti * j < 0\n}\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "TMPDIR="+tmp, "NO_COLOR=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	for _, args := range [][]string{{"-c", "init.defaultBranch=main", "init", "-q"}, {"add", "."}, {"-c", "commit.gpgsign=false", "commit", "-q", "-m", "base"}} {
		cmd := exec.Command(git, args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	cmd := exec.Command(bin, "lint", "--no-cache", "--now", "2026-06-01", "--timeout", "5m", "--base", "main")
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill() //nolint:errcheck // a test that failed early
	mirrors := func() []string {
		m, _ := filepath.Glob(filepath.Join(tmp, "ifacelint-base-*"))
		return m
	}
	deadline := time.Now().Add(time.Minute)
	for len(mirrors()) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no mirror of the base revision appeared in TMPDIR within a minute; stderr:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // into the base's evaluation
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("err = %v, want exit 2; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
	}
	if m := mirrors(); len(m) > 0 {
		t.Errorf("the mirror was left behind: %v", m)
	}
}
