package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ifacelint/ifacelint/internal/finding"
)

const basePortal = `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: portal
  name: Admin portal
  description: Back office.
  owner: {team: ops, contact: ops@example.com}
  lastReviewed: 2026-05-01
spec:
  type: portal
  direction: inbound
  exposure: internal
  privileged: true
  authentication: {methods: [sso]}
  authorization: {model: rbac}
  endpoints:
    - url: https://admin.example.com
  encryption: {inTransit: {tls: true, minVersion: "1.2"}}
  session: {timeoutMinutes: 15}
  logging: {enabled: true, events: [authentication, access, change, error], retentionDays: 90}
`

// TestBaseChecks runs a check of the change through the seam: it sees both
// sides, and its findings are judged by the base's config (severity,
// enabled) and marked new.
func TestBaseChecks(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write("inv/portal.yaml", basePortal)
	write(".ifacelint.yaml", "inventory: [inv]\nrules:\n  change/managed: {severity: info}\n  data/flows-documented: {enabled: false}\n")
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	git("checkout", "-q", "-b", "change")
	write(".ifacelint.yaml", "inventory: [inv]\nfailOn: never\n")
	git("commit", "-q", "-a", "-m", "head")
	t.Chdir(root)

	var seen *Sides
	old := BaseChecks
	t.Cleanup(func() { BaseChecks = old })
	BaseChecks = []BaseCheck{func(_ context.Context, s *Sides) ([]finding.Finding, error) {
		seen = s
		if _, err := os.Stat(filepath.Join(s.Base.Dir, ".ifacelint.yaml")); err != nil {
			t.Errorf("the base's config is not in Base.Dir: %v", err)
		}
		return []finding.Finding{
			{RuleInfo: &finding.RuleInfo{Rule: "change/managed", Severity: "error"}, DocInfo: &finding.DocInfo{File: ".ifacelint.yaml", DocIndex: -1}, Message: "from the check", Line: 1, Column: 1, FileLevel: true},
			{RuleInfo: &finding.RuleInfo{Rule: "data/flows-documented"}, DocInfo: &finding.DocInfo{File: ".ifacelint.yaml", DocIndex: -1}, Message: "disabled by the base", Line: 1, Column: 1, FileLevel: true},
		}, nil
	}}
	var out bytes.Buffer
	err := New(Request{Base: "main", Now: "2026-06-01", NoCache: true, Formats: []string{"json"}, Color: "never", SARIFCategory: "ifacelint/", Timeout: time.Minute, MaxMemory: DefaultMaxMemory, Stdout: &out}).Lint(context.Background())
	if err != nil && !errors.Is(err, ErrFindings) {
		t.Fatal(err)
	}
	if seen == nil {
		t.Fatal("the check did not run")
	}
	if seen.Base.Config == nil || seen.Base.Config.FailOn != "" || seen.Head.Config == nil || seen.Head.Config.FailOn != "never" {
		t.Errorf("sides' configs: base %+v, head %+v", seen.Base.Config, seen.Head.Config)
	}
	if len(seen.Commit) != 40 || seen.Ref != "main" {
		t.Errorf("Sides = %q %q", seen.Ref, seen.Commit)
	}
	var rep struct {
		Findings []struct {
			Rule, Severity, Message string
			New                     *bool
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range rep.Findings {
		if f.Message == "disabled by the base" {
			t.Error("a finding of a rule the base disables was kept")
		}
		if f.Message == "from the check" {
			found = true
			if f.Severity != "info" || f.New == nil || !*f.New {
				t.Errorf("the check's finding: severity %s, new %v; want the base's severity (info), new", f.Severity, f.New)
			}
		}
	}
	if !found {
		t.Errorf("the check's finding is missing:\n%s", out.String())
	}
	if _, err := os.Stat(seen.Base.Root); err == nil {
		t.Error("the base's mirror outlived the run")
	}
}

// TestBaseWarmWritesNothing: a warm lint --base writes nothing to the
// content cache, run after run, and asks git for no listing of the base
// commit (the cold run kept it). A changed document reading an OpenAPI
// description is evaluated in the base from the mirror, whose root is new
// in every run: its entry records the description relative to the root,
// so that the next run's finds it current below its own mirror (else it
// would never serve again, and each run would write it: a pack per run,
// and a compaction of the whole space every few runs). The base's results
// of reused files it evaluates again are written once, as variants.
func TestBaseWarmWritesNothing(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	ar, err := txtar.ParseFile("../../testdata/script/base-reuse.txtar")
	if err != nil {
		t.Fatal(err)
	}
	root, cacheDir := t.TempDir(), t.TempDir()
	files := map[string][]byte{}
	for _, f := range ar.Files {
		files[f.Name] = f.Data
		if name, ok := strings.CutPrefix(f.Name, "repo/"); ok {
			p := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "base")
	git("checkout", "-q", "-b", "change")
	if err := os.WriteFile(filepath.Join(root, "inv", "orders.yaml"), files["orders-renamed.yaml"], 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	lint := func() string {
		t.Helper()
		var out bytes.Buffer
		err := New(Request{Base: "main", Now: "2026-06-01", CacheDir: cacheDir, Formats: []string{"json"}, Color: "never", SARIFCategory: "ifacelint/", Timeout: time.Minute, MaxMemory: DefaultMaxMemory, Stdout: &out}).Lint(context.Background())
		if err != nil && !errors.Is(err, ErrFindings) {
			t.Fatal(err)
		}
		return out.String()
	}
	list := func() map[string]bool {
		t.Helper()
		seen := map[string]bool{}
		err := filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), "m-") { // a manifest is rewritten when a file's metadata change
				seen[p] = true
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return seen
	}
	cold := lint()
	// A git on PATH that logs what it is asked: the warm runs take the
	// base commit's listing from the cache (vcs.Listings), not from git.
	real, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	gitLog := filepath.Join(bin, "log")
	script := "#!/bin/sh\necho \"$*\" >> " + gitLog + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	for run := range 2 {
		before := list()
		_ = os.Remove(gitLog)
		if warm := lint(); warm != cold {
			t.Fatalf("warm output differs from cold:\n%s\n---\n%s", warm, cold)
		}
		if asked, err := os.ReadFile(gitLog); err != nil || strings.Contains(string(asked), "ls-tree") || !strings.Contains(string(asked), "rev-parse") {
			t.Errorf("warm run %d's git commands (want no ls-tree): %v\n%s", run+1, err, asked)
		}
		for p := range list() {
			if !before[p] {
				t.Errorf("warm run %d wrote %s", run+1, filepath.Base(p))
			}
		}
	}
}
