package vcs

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A repository's config can name a program git runs on status
// (core.fsmonitor) and hooks; Command runs neither. The control run of
// plain git shows the repository would run the program.
func TestGitCommandRunsNoRepositoryProgram(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	marker := filepath.Join(t.TempDir(), "ran")
	plain := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	plain("init", "-q")
	hook := filepath.Join(dir, "monitor.sh")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\ntouch "+marker+"\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain("config", "core.fsmonitor", hook)

	cmd, err := Command(context.Background(), dir, "status", "--porcelain")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(cmd.Env, "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git status: %v\n%s", err, out)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("GitCommand ran the repository's core.fsmonitor program")
	}

	plain("status", "--porcelain")
	if _, err := os.Stat(marker); err != nil {
		t.Skip("this git does not run core.fsmonitor on status: the control shows nothing")
	}
}
