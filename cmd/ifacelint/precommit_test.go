package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ifacelint/ifacelint/internal/scaffold"
	"github.com/ifacelint/ifacelint/internal/tooltest"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// TestPreCommit runs the real pre-commit framework (`pre-commit try-repo`)
// with this repository's .pre-commit-hooks.yaml against a temporary git
// repository: a violating staged file is blocked with the finding shown,
// a clean one passes, a YAML file outside the inventory is skipped, and a
// commit deleting a referenced document is blocked by ifacelint-inventory.
// The scenarios share one pre-commit home, so that pre-commit builds the
// tool once (when this repository has no uncommitted change: otherwise
// try-repo makes a new revision, and a new build, each time).
// A tool test (internal/tooltest): `make test` skips it, `make check`
// runs it, and there a missing pre-commit (a Debian package, which .ci/run
// installs) fails it.
func TestPreCommit(t *testing.T) {
	root, sh, write := preCommitRepo(t)
	sh(true, "git", "init", "-q", "-b", "main")
	sh(true, "git", "config", "user.email", "dev@example.com")
	sh(true, "git", "config", "user.name", "Dev")
	write(".ifacelint.yaml", "inventory: [inventory]\n")
	write("inventory/vendors.yaml", preCommitVendor)
	sh(true, "git", "add", ".")
	sh(true, "git", "commit", "-q", "-m", "inventory")

	clean := preCommitInterface
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

	// A commit that deletes or renames a document others reference stages
	// no YAML file, so the staged-files hook has nothing to check; the
	// ifacelint-inventory hook lints the whole inventory on every commit.
	// Deleting the ThirdParty an Interface names is blocked with the
	// dangling reference shown; a rename inside the inventory passes. Both
	// hooks run in one try-repo (the output shows the first one skipping).
	sh(true, "git", "reset", "-q")
	sh(true, "git", "checkout", "-q", "--", ".")
	sh(true, "git", "clean", "-qfd")
	write("inventory/handoff.yaml", preCommitInterface)
	sh(true, "git", "add", ".")
	sh(true, "git", "commit", "-q", "-m", "hand-off")
	// git rm the ThirdParty: blocked, naming the reference left dangling.
	sh(true, "git", "rm", "-q", "inventory/vendors.yaml")
	out = sh(false, "pre-commit", "try-repo", root, "--verbose")
	for _, want := range []string{
		"(no files to check)Skipped", // the staged-files hook: nothing to pass it
		"Failed",
		"inventory/handoff.yaml",
		"inventory/reference",
		`spec.thirdParty "acme" names no ThirdParty document in the inventory`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("deleted ThirdParty: output lacks %q\n%s", want, out)
		}
	}

	// A rename inside the inventory keeps the reference intact: it passes.
	sh(true, "git", "reset", "-q", "--hard")
	sh(true, "git", "mv", "inventory/vendors.yaml", "inventory/third-parties.yaml")
	out = sh(true, "pre-commit", "try-repo", root, "ifacelint-inventory", "--verbose")
	if !strings.Contains(out, "Passed") || !strings.Contains(out, "no problems · 2 files, 2 documents") {
		t.Errorf("renamed ThirdParty: want Passed over the whole inventory\n%s", out)
	}
}

// TestPreCommitInit follows README as a new user: `init` in a new git
// repository, `pre-commit install`, commit a violating file (blocked, the
// finding shown), fix it (the commit passes). The config is init's own,
// with only its repo URL pointed at this repository (no network here) and
// its rev checked to exist there, then pinned to this commit, so the hook
// built is the code under test. pre-commit installs a hook from a commit:
// with uncommitted changes in this repository the test skips (CI runs on a
// clean clone).
func TestPreCommitInit(t *testing.T) {
	root, sh, write := preCommitRepo(t)
	git := func(args ...string) (string, error) {
		out, err := exec.Command("git", append([]string{"-C", root}, args...)...).Output()
		return strings.TrimSpace(string(out)), err
	}
	if status, err := git("status", "--porcelain", "--untracked-files=no"); err != nil {
		t.Skipf("this repository is not a git work tree: %v", err)
	} else if status != "" {
		t.Skip("this repository has uncommitted changes: pre-commit installs the hook from a commit; commit first")
	}
	head, err := git("rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}

	sh(true, "git", "init", "-q", "-b", "main")
	sh(true, "git", "config", "user.email", "dev@example.com")
	sh(true, "git", "config", "user.name", "Dev")
	files, err := scaffold.InitFiles(time.Now(), buildVersion())
	if err != nil {
		t.Fatal(err)
	}
	const upstream = "repo: https://github.com/ifacelint/ifacelint\n"
	revLine := regexp.MustCompile(`(?m)^(\s*rev: )(\S+)(.*)$`)
	for _, f := range files {
		content := f.Content
		if f.Path == ".pre-commit-config.yaml" {
			if !strings.Contains(content, upstream) {
				t.Fatalf("init's pre-commit config names no %q:\n%s", upstream, content)
			}
			m := revLine.FindStringSubmatch(content)
			if m == nil {
				t.Fatalf("init's pre-commit config has no rev:\n%s", content)
			}
			// The rev init writes exists: a release tag in a release, main
			// otherwise (the branch this repository's history is on).
			if m[2] != "main" {
				if _, err := git("rev-parse", "--verify", "--quiet", "refs/tags/"+m[2]+"^{commit}"); err != nil {
					t.Errorf("init wrote rev %q, which names no tag of this repository (pre-commit would fail every commit)", m[2])
				}
			} else {
				if _, err := git("rev-parse", "--verify", "--quiet", "refs/heads/main^{commit}"); err != nil {
					if _, err := git("rev-parse", "--verify", "--quiet", "refs/remotes/origin/main^{commit}"); err != nil {
						t.Errorf("init wrote rev main, which this repository does not have")
					}
				}
			}
			content = strings.Replace(content, upstream, "repo: "+root+"\n", 1)
			content = revLine.ReplaceAllString(content, "${1}"+head)
		}
		write(f.Path, content)
	}
	sh(true, "git", "add", ".")
	sh(true, "pre-commit", "install")
	out := sh(true, "git", "commit", "-q", "-m", "inventory from init")
	if !strings.Contains(out, "Passed") {
		t.Fatalf("init's own inventory: want the hook to pass\n%s", out)
	}

	bad := strings.Replace(preCommitInterface, "  owner: {team: ops, contact: ops@example.com}\n", "", 1)
	bad = strings.Replace(bad, "  thirdParty: acme\n", "", 1)
	write("inventory/handoff.yaml", bad)
	sh(true, "git", "add", ".")
	out = sh(false, "git", "commit", "-q", "-m", "a hand-off without an owner")
	for _, want := range []string{"Failed", "inventory/handoff.yaml", "ownership/owner-assigned"} {
		if !strings.Contains(out, want) {
			t.Errorf("violating commit: output lacks %q\n%s", want, out)
		}
	}

	write("inventory/handoff.yaml", strings.Replace(preCommitInterface, "  thirdParty: acme\n", "", 1))
	sh(true, "git", "add", ".")
	out = sh(true, "git", "commit", "-q", "-m", "the hand-off has an owner")
	if !strings.Contains(out, "Passed") {
		t.Errorf("fixed commit: want the hook to pass\n%s", out)
	}
}

// recentDate is a month before the day the test runs: a review or an
// assessment that is current (the hook runs without --now) and not dated in
// the future (inventory/date-in-future).
var recentDate = time.Now().AddDate(0, -1, 0).Format(time.DateOnly)

// preCommitInterface passes every built-in rule; its third party, acme,
// is preCommitVendor, in another file.
var preCommitInterface = strings.ReplaceAll(`apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: ops-handoff
  name: Ops hand-off
  description: Support escalates incidents to operations.
  owner: {team: ops, contact: ops@example.com}
  lastReviewed: RECENT
spec:
  type: workflow
  direction: outbound
  exposure: internal
  thirdParty: acme
  data:
    classification: internal
    flows: [{from: support, to: ops}]
  changeManagement: {process: cab}
`, "RECENT", recentDate)

// preCommitVendor is the ThirdParty acme.
var preCommitVendor = "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata: {id: acme, name: Acme, owner: {team: vm, contact: vm@example.com}}\nspec: {assessment: {date: " + recentDate + ", result: approved}, contract: {dpa: true}}\n"

// The hook definitions say what README promises, and every hook id a
// shipped config uses (init's scaffold, examples/ci) exists: a typo there
// would only show when a user's commit fails to find the hook.
func TestPreCommitHookDefinitions(t *testing.T) {
	t.Parallel()
	type hook struct {
		ID            string `yaml:"id"`
		Entry         string `yaml:"entry"`
		Language      string `yaml:"language"`
		Files         string `yaml:"files"`
		PassFilenames *bool  `yaml:"pass_filenames"`
		AlwaysRun     bool   `yaml:"always_run"`
	}
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]hook{}
	for _, h := range hooks {
		byID[h.ID] = h
		if h.Entry != "ifacelint lint" || h.Language != "golang" {
			t.Errorf("hook %s: entry %q, language %q; want ifacelint lint, golang", h.ID, h.Entry, h.Language)
		}
	}
	// The whole inventory, whatever is staged: a deletion stages no file.
	if h, ok := byID["ifacelint-inventory"]; !ok || h.PassFilenames == nil || *h.PassFilenames || !h.AlwaysRun || h.Files != "" {
		t.Errorf("ifacelint-inventory = %+v, want pass_filenames: false, always_run: true, no files filter", h)
	}
	// The staged YAML files.
	if h, ok := byID["ifacelint"]; !ok || h.PassFilenames != nil || h.AlwaysRun || h.Files == "" {
		t.Errorf("ifacelint = %+v, want the staged files that match a files filter", h)
	}

	configs := map[string]string{}
	files, err := scaffold.InitFiles(time.Now(), buildVersion())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == ".pre-commit-config.yaml" {
			configs["init"] = f.Content
		}
	}
	example, err := os.ReadFile("../../examples/ci/pre-commit-config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	configs["examples/ci"] = string(example)
	for name, content := range configs {
		var cfg struct {
			Repos []struct {
				Hooks []struct {
					ID string `yaml:"id"`
				} `yaml:"hooks"`
			} `yaml:"repos"`
		}
		if err := yaml.Unmarshal([]byte(content), &cfg); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ids []string
		for _, r := range cfg.Repos {
			for _, h := range r.Hooks {
				ids = append(ids, h.ID)
				if _, ok := byID[h.ID]; !ok {
					t.Errorf("%s uses hook %q, which .pre-commit-hooks.yaml does not define", name, h.ID)
				}
			}
		}
		if strings.Join(ids, ",") != "ifacelint-inventory" {
			t.Errorf("%s uses hooks %v, want the recommended ifacelint-inventory", name, ids)
		}
	}
}

// preCommitRepo prepares a run of the real pre-commit framework: it
// returns this repository's root (the hook repository for try-repo), and
// sh and write, which run a command and write a file in a fresh temporary
// directory to become the git repository under test. It skips the test
// unless the tool tests are on (tooltest).
func preCommitRepo(t *testing.T) (root string, sh func(wantOK bool, name string, args ...string) string, write func(name, content string)) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the tool through pre-commit")
	}
	tooltest.Need(t, "the pre-commit framework", "apt-get install pre-commit")
	if _, err := exec.LookPath("pre-commit"); err != nil {
		tooltest.Missing(t, "pre-commit", "apt-get install pre-commit")
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
	sh = func(wantOK bool, name string, args ...string) string {
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
	write = func(name, content string) {
		t.Helper()
		p := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, sh, write
}

// The staged-files hook passes exactly the files the walk reads as
// inventory: its files and exclude patterns (Python regular expressions,
// searched in the path relative to the repository; these read the same in
// Go) against a walk of the same tree. `.YAML` is inventory too.
func TestPreCommitFilesMatchWalk(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID      string `yaml:"id"`
		Files   string `yaml:"files"`
		Exclude string `yaml:"exclude"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	var files, exclude *regexp.Regexp
	for _, h := range hooks {
		if h.ID == "ifacelint" {
			files, exclude = regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
		}
	}
	if files == nil {
		t.Fatal("no ifacelint hook")
	}
	names := []string{
		"a.yaml", "b.yml", "c.YAML", "d.YML", "e.Yaml", "f.yMl",
		"inventory/g.yaml", "inventory/deep/h.YAML", "docs/notes.yml",
		"i.json", "j.yaml.bak", "k.yamlx", "lyaml", "m.ya", "n.xml",
		".ifacelint.yaml", ".ifacelint.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
		".gitlab-ci.yml", ".yaml", "inventory/.hidden.yaml", "inventory/.hidden.YML",
		".github/workflows/ci.yml", "inventory/.drafts/o.yaml", ".ifacelint/schema.yaml",
		"inventory/..p.yaml", "q.r/s.yaml",
	}
	root := t.TempDir()
	for _, n := range names {
		p := filepath.Join(root, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	walked, err := inventory.Walk([]string{root}, inventory.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]bool{}
	for _, p := range walked {
		rel, _ := filepath.Rel(root, p)
		read[filepath.ToSlash(rel)] = true
	}
	for _, n := range names {
		passed := files.MatchString(n) && !exclude.MatchString(n)
		if passed != read[n] {
			t.Errorf("%s: the hook passes it = %v, the walk reads it = %v", n, passed, read[n])
		}
	}
	if !read["c.YAML"] {
		t.Error("the walk does not read c.YAML: the table no longer tests letter case")
	}
}
