package format

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/ifacelint/ifacelint/pkg/policy"
)

type gitlabParsed struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

func writeGitLab(t *testing.T, r *Report) []gitlabParsed {
	t.Helper()
	var buf bytes.Buffer
	if err := (GitLab{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var out []gitlabParsed
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGitLabIssues(t *testing.T) {
	t.Parallel()
	r := ciReport()
	out := writeGitLab(t, r)
	if len(out) != len(r.Open()) {
		t.Fatalf("%d issues for %d open findings", len(out), len(r.Open()))
	}
	want := map[policy.Severity]string{policy.Error: "major", policy.Warning: "minor", policy.Info: "info"}
	seen := map[string]bool{}
	for i, issue := range out {
		if seen[issue.Fingerprint] {
			t.Errorf("fingerprint %s repeated (duplicate documents must still differ)", issue.Fingerprint)
		}
		seen[issue.Fingerprint] = true
		if f := r.Open()[i]; issue.Severity != want[f.Severity] || issue.CheckName != f.Rule || issue.Location.Lines.Begin != f.Line {
			t.Errorf("issue %d: %+v for %s %s line %d", i, issue, f.Severity, f.Rule, f.Line)
		}
	}
	if out[2].Location.Path != "sub/inventory/a.yaml" {
		t.Errorf("path %q is not relative to the repository root", out[2].Location.Path)
	}
	var buf bytes.Buffer
	if err := (GitLab{}).Write(&buf, New(nil, 1, 1, nil)); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "[]\n" {
		t.Errorf("empty run = %q, want []", buf.String())
	}
}

// A finding that moves (lines added above it, or the document moved to
// another file) keeps its fingerprint; a different node does not.
func TestGitLabFingerprintStable(t *testing.T) {
	t.Parallel()
	fingerprintOf := func(edit func(r *Report)) string {
		r := ciReport()
		edit(r)
		for _, issue := range writeGitLab(t, r) {
			if issue.CheckName == "authentication/admin-mfa" {
				return issue.Fingerprint
			}
		}
		t.Fatal("no authentication/admin-mfa issue")
		return ""
	}
	admin := func(r *Report) int {
		for i, f := range r.Findings {
			if f.Rule == "authentication/admin-mfa" {
				return i
			}
		}
		panic("no admin-mfa finding")
	}
	base := fingerprintOf(func(*Report) {})
	tests := map[string]struct {
		edit func(r *Report)
		same bool
	}{
		"moved down":       {func(r *Report) { r.Findings[admin(r)].Line += 40 }, true},
		"moved column":     {func(r *Report) { r.Findings[admin(r)].Column = 11 }, true},
		"message reworded": {func(r *Report) { r.Findings[admin(r)].Message = "reworded" }, true},
		"run from root":    {func(r *Report) { r.WorkDir = "/repo"; r.Findings[admin(r)].File = "sub/inventory/platform/admin.yaml" }, true},
		"other node":       {func(r *Report) { r.Findings[admin(r)].Path = r.Findings[admin(r)].Path[:1] }, false},
		"other document":   {func(r *Report) { r.Findings[admin(r)].ID = "other" }, false},
	}
	for name, tc := range tests {
		if got := fingerprintOf(tc.edit); (got == base) != tc.same {
			t.Errorf("%s: fingerprint %s, base %s, want same=%v", name, got, base, tc.same)
		}
	}
}

// Findings that share an identity get distinct fingerprints, the same ones
// on every run.
func TestFingerprintsCollide(t *testing.T) {
	t.Parallel()
	r := ciReport()
	a, b := r.fingerprints(), r.fingerprints()
	var dups []string
	for i, f := range r.Findings {
		if a[i] != b[i] {
			t.Errorf("finding %d: fingerprint changed between calls", i)
		}
		if f.ID == "dup" {
			dups = append(dups, a[i])
		}
	}
	if len(dups) != 2 || dups[0] == dups[1] {
		t.Errorf("duplicate documents: fingerprints %v", dups)
	}
	file := r.identity(&r.Findings[0])
	doc := r.identity(&r.Findings[2])
	if len(file) == len(doc) {
		t.Errorf("file-level and document identities have the same shape: %v %v", file, doc)
	}
}
