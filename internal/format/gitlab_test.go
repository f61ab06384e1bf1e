package format

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/ifacelint/ifacelint/internal/policy"
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

// ciFingerprints are the fingerprints of ciReport's findings, in report
// order, worked out by hand from the documented identity: the SHA-256 of
// the JSON array [rule, kind, id, path], or [rule, file relative to the
// repository root] for a file-level finding, with the occurrence number
// appended from the second finding of the same identity on. Each was
// checked with `printf '%s' PREIMAGE | sha256sum`.
var ciFingerprints = []struct{ preimage, sum string }{
	{`["schema/invalid","/tmp/outside.yaml"]`, "7f6a746fdcb340f999824bf9b827eea5752d29da32921c01706bbd5a23551d2d"},
	{`["waiver/unused","Interface","x","metadata.waivers[0].rule"]`, "6f809c65126606b7729a923c0cea53466e85940f75f850c8dd39cc20a2eb9a68"},
	{`["ownership/review-current","Interface","a","metadata.lastReviewed"]`, "c5d8b618f6f134c6599b92dac76ad6e184fa3044e6b4dbf4a4925ab87376fdb1"},
	{`["waiver/unused","Interface","a","metadata.waivers[0].rule"]`, "b6b787f11a3bdb65adce98e74dd783f525e72be1fba2901e1d0989a681b81c70"},
	{`["availability/rate-limited","Interface","a","spec.rateLimit.enabled"]`, "b8a8edd72a5b70e8d42c14e741292542b7c52630c3d147472fc83dafe7870f25"}, // waived
	{`["change/managed","Interface","a","spec.changeManagement.process"]`, "f75a265bdf89eec40cd3ffa22e3a8527aa75b1b039361b05c77ade2df15a8141"},     // baselined
	{`["ownership/purpose-documented","Interface","dup","metadata"]`, "ba2f9fba8061504dacb5c20442aaa55039fc9fa66a81d841c0bf4b5d375dfd0b"},
	{`["ownership/purpose-documented","Interface","dup","metadata","2"]`, "34c9eaecfade320081f2db64e214800a60c90058ded4c768e621ebb43053ceac"},
	{`["acme/custom-check","Interface","pay\u003c\u0026\u003e\"'","spec.x-acme"]`, "ba2c830fb4cf5c6dac02f21b60885917edef940fdd4911b6720cbdee9e993dc0"},
	{`["authentication/admin-mfa","Interface","admin-console","spec.authentication.mfa"]`, "b545e1eeeeb1703f707ab59917a38f45968559be29c726783dd799daf0243df4"},
	{`["transport/tls-required","Interface","admin-console","spec.endpoints[1].url"]`, "9b17195fc3bcd71f4122461e4e25b921ce89fd0d9a7e6312592d4ed406af1f71"},
	{"[\"schema/invalid\",\"sub/inventory/weird\u202e.yaml\"]", "198d54a3ede3d91d9a27c984d377e8294440a226e84d5072d1057a906ec32d64"},
	{`["ownership/owner-assigned","ThirdParty","acme","metadata.owner"]`, "0514e2a159160edec9e29d55175a0f5fc99accfc6b493f733204d750d65fbf5f"},
}

// The table above is what the spec says, not what the code does.
func TestCIFingerprintsTable(t *testing.T) {
	t.Parallel()
	for _, fp := range ciFingerprints {
		if sum := sha256.Sum256([]byte(fp.preimage)); hex.EncodeToString(sum[:]) != fp.sum {
			t.Errorf("sha256(%s) is not %s", fp.preimage, fp.sum)
		}
	}
}

// GitLab lists the open findings with their fixed fingerprints.
func TestGitLabFingerprints(t *testing.T) {
	t.Parallel()
	r := ciReport()
	var want []string
	for i, f := range r.Findings {
		if !f.Waived && !f.Baselined {
			want = append(want, ciFingerprints[i].sum)
		}
	}
	out := writeGitLab(t, r)
	if len(out) != len(want) {
		t.Fatalf("%d issues, want %d", len(out), len(want))
	}
	for i, issue := range out {
		if issue.Fingerprint != want[i] {
			t.Errorf("issue %d (%s): fingerprint %s, want %s", i, issue.CheckName, issue.Fingerprint, want[i])
		}
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
	// sha256 of ["authentication/admin-mfa","Interface","admin-console","spec.authentication.mfa"]
	if want := "b545e1eeeeb1703f707ab59917a38f45968559be29c726783dd799daf0243df4"; base != want {
		t.Errorf("base fingerprint %s, want %s", base, want)
	}
	tests := map[string]struct {
		edit func(r *Report)
		same bool
		want string // sha256 of the identity the edit leaves (see ciFingerprints)
	}{
		"moved down":       {func(r *Report) { r.Findings[admin(r)].Line += 40 }, true, ""},
		"moved column":     {func(r *Report) { r.Findings[admin(r)].Column = 11 }, true, ""},
		"message reworded": {func(r *Report) { r.Findings[admin(r)].Message = "reworded" }, true, ""},
		"run from root": {func(r *Report) {
			r.WorkDir = "/repo"
			f := &r.Findings[admin(r)]
			f.SetDoc("sub/inventory/platform/admin.yaml", f.Kind, f.ID, f.DocIndex)
		}, true, ""},
		// ["authentication/admin-mfa","Interface","admin-console","spec"]
		"other node": {func(r *Report) { r.Findings[admin(r)].Path = r.Findings[admin(r)].Path[:1] }, false,
			"3aa47a9dbfbd508b659d60927e5ffac52e9b0f9f5b13185694a999f545ba98e3"},
		// ["authentication/admin-mfa","Interface","other","spec.authentication.mfa"]
		"other document": {func(r *Report) { f := &r.Findings[admin(r)]; f.SetDoc(f.File, f.Kind, "other", f.DocIndex) }, false,
			"567c5cb9c701a1d62d221bf6ec4996aa31e529a1be280c14d8899c960696d33f"},
	}
	for name, tc := range tests {
		got := fingerprintOf(tc.edit)
		if (got == base) != tc.same {
			t.Errorf("%s: fingerprint %s, base %s, want same=%v", name, got, base, tc.same)
		}
		if tc.want != "" && got != tc.want {
			t.Errorf("%s: fingerprint %s, want %s", name, got, tc.want)
		}
	}
}

// Findings that share an identity get distinct fingerprints, the same ones
// on every run.
func TestFingerprintsCollide(t *testing.T) {
	t.Parallel()
	r := ciReport()
	a := r.fingerprints()
	if len(a) != len(ciFingerprints) {
		t.Fatalf("%d fingerprints for %d findings", len(a), len(ciFingerprints))
	}
	var dups []string
	for i, f := range r.Findings {
		if a[i] != ciFingerprints[i].sum {
			t.Errorf("finding %d: fingerprint %s, want %s, the sha256 of %s", i, a[i], ciFingerprints[i].sum, ciFingerprints[i].preimage)
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
