package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The GitLab example keys its cache on the ref's protection as well as its
// slug: the slug alone folds a branch Main onto main, and a project may
// share caches between protected and unprotected branches, so a merge
// request could write the cache the default branch reads. The key holds no
// variable that may contain a "/", which GitLab refuses in a key.
func TestGitLabExampleCacheKey(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../examples/ci/gitlab-ci.yml")
	if err != nil {
		t.Fatal(err)
	}
	var jobs map[string]struct {
		Cache struct {
			Key   string   `yaml:"key"`
			Paths []string `yaml:"paths"`
		} `yaml:"cache"`
	}
	if err := yaml.Unmarshal(data, &jobs); err != nil {
		t.Fatal(err)
	}
	key := jobs["ifacelint"].Cache.Key
	if !strings.Contains(key, "$CI_COMMIT_REF_PROTECTED") || !strings.Contains(key, "$CI_COMMIT_REF_SLUG") {
		t.Errorf("cache key %q: want $CI_COMMIT_REF_PROTECTED and $CI_COMMIT_REF_SLUG", key)
	}
	for _, v := range []string{"$CI_COMMIT_REF_NAME", "$CI_COMMIT_BRANCH", "$CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"} {
		if strings.Contains(key, v) {
			t.Errorf("cache key %q holds %s, which may contain a /", key, v)
		}
	}
}

// The action's "Choose the base" step, run as the runner runs it, in a
// shallow clone of a repository with two commits: `auto` on a pull request
// fetches the base commit the checkout lacks and passes --base; `none` and
// a push (no pull request) pass nothing; anything but a full commit SHA is
// refused before git sees it; new-only without a base is refused.
func TestActionBaseStep(t *testing.T) {
	t.Parallel()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Runs struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	script := ""
	for _, s := range action.Runs.Steps {
		if s.Name == "Choose the base" {
			script = s.Run
		}
	}
	if script == "" {
		t.Fatal(`action.yml has no step "Choose the base"`)
	}

	dir := t.TempDir()
	origin := filepath.Join(dir, "origin")
	gitEnv := append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	run := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir, cmd.Env = dir, gitEnv
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if err := os.MkdirAll(origin, 0o755); err != nil {
		t.Fatal(err)
	}
	run(origin, "-c", "init.defaultBranch=main", "init", "-q")
	run(origin, "commit", "-q", "--allow-empty", "-m", "base")
	base := run(origin, "rev-parse", "HEAD")
	run(origin, "commit", "-q", "--allow-empty", "-m", "head")
	clone := filepath.Join(dir, "clone")
	run(dir, "clone", "-q", "--depth=1", "file://"+origin, clone)
	if run(clone, "rev-parse", "--is-shallow-repository") != "true" {
		t.Fatal("the clone is not shallow")
	}

	step := func(env ...string) (string, error) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "output")
		if err := os.WriteFile(out, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bash, "-e", "-c", script)
		cmd.Dir = clone
		cmd.Env = append(append(gitEnv, "GITHUB_OUTPUT="+out), env...)
		msg, err := cmd.CombinedOutput()
		got, _ := os.ReadFile(out)
		if err != nil {
			return string(msg), err
		}
		return string(got), nil
	}

	got, err := step("BASE=auto", "PR_BASE="+base, "NEW_ONLY=true")
	if err != nil {
		t.Fatalf("auto on a pull request: %v\n%s", err, got)
	}
	if want := "args=--base " + base + "\nnew-only=--new-only\n"; got != want {
		t.Errorf("auto on a pull request: output %q, want %q", got, want)
	}
	if run(clone, "cat-file", "-t", base) != "commit" {
		t.Error("the base commit was not fetched")
	}
	for _, env := range [][]string{{"BASE=auto", "PR_BASE="}, {"BASE=none", "PR_BASE=" + base}} {
		got, err := step(append(env, "NEW_ONLY=false")...)
		if err != nil || got != "" {
			t.Errorf("%v: output %q, error %v; want nothing", env, got, err)
		}
	}
	for _, bad := range []string{"main", "--upload-pack=touch x", base[:12], base + "\n" + base} {
		if msg, err := step("BASE="+bad, "PR_BASE=", "NEW_ONLY=false"); err == nil || !strings.Contains(msg, "full commit SHA") {
			t.Errorf("base %q: accepted (%v): %s", bad, err, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(clone, "x")); err == nil {
		t.Error("a base input ran a command")
	}
	if msg, err := step("BASE=none", "PR_BASE=", "NEW_ONLY=true"); err == nil || !strings.Contains(msg, "new-only needs a base") {
		t.Errorf("new-only without a base: accepted (%v): %s", err, msg)
	}
}

// Every action the Action and the workflows use is pinned by a full commit
// SHA with its tag in a comment (a tag can be moved to other code); only
// the Action itself (./, and ifacelint/ifacelint in the example, whose
// users pin the release they adopt) is named otherwise.
func TestActionsPinned(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../.github/workflows/*.yml")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../../action.yml", "../../examples/ci/github-actions.yml")
	uses := regexp.MustCompile(`(?m)^\s*(?:-\s*)?uses:\s*(\S+)(.*)$`)
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	comment := regexp.MustCompile(`^\s*# v\d+(\.\d+){0,2}\s*$`)
	seen := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(data), -1) {
			ref, rest := m[1], m[2]
			if ref == "./" || strings.HasPrefix(ref, "ifacelint/ifacelint@") {
				continue
			}
			seen++
			if !pinned.MatchString(ref) || !comment.MatchString(rest) {
				t.Errorf("%s: uses: %s%s: pin a full commit SHA with the tag in a comment (# v1.2.3)", f, ref, rest)
			}
		}
	}
	if seen < 3 {
		t.Errorf("found %d third-party actions; the pattern no longer matches the files", seen)
	}
}

// The action's "Job summary" step appends the markdown output and says,
// after it, whether the SARIF file that markdown names reached code
// scanning: it runs after the upload and reads its outcome.
func TestActionJobSummary(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Runs struct {
			Steps []struct {
				Name string `yaml:"name"`
				ID   string `yaml:"id"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	script, upload, summary := "", -1, -1
	for i, s := range action.Runs.Steps {
		switch {
		case s.Name == "Job summary":
			script, summary = s.Run, i
		case s.ID == "upload":
			upload = i
		}
	}
	if script == "" || upload < 0 || summary < upload {
		t.Fatalf("action.yml: want a step with id upload before the step Job summary (at %d and %d)", upload, summary)
	}
	for _, tc := range []struct{ outcome, fork, want string }{
		{"success", "", "The SARIF output (`ifacelint.sarif`) was uploaded to [code scanning](https://github.com/o/r/security/code-scanning), category `ifacelint`:"},
		{"failure", "", "was not uploaded to code scanning: the upload failed"},
		{"", "true", "was not uploaded to code scanning: a pull request from a fork cannot."},
		{"skipped", "", "was not uploaded to code scanning.\n"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "ifacelint.md"), []byte("## ifacelint: 1 problem\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "summary.md")
		cmd := exec.Command(bash, "-c", script)
		cmd.Env = append(os.Environ(), "RUNNER_TEMP="+dir, "GITHUB_STEP_SUMMARY="+out, "SARIF=ifacelint.sarif", "CATEGORY=ifacelint",
			"UPLOAD="+tc.outcome, "FORK="+tc.fork, "SCANNING=https://github.com/o/r/security/code-scanning")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", tc.outcome, err, b)
		}
		got, _ := os.ReadFile(out)
		if !strings.HasPrefix(string(got), "## ifacelint: 1 problem\n\n") || !strings.Contains(string(got), tc.want) {
			t.Errorf("outcome %q fork %q: summary\n%s\nwant %q", tc.outcome, tc.fork, got, tc.want)
		}
	}
}
