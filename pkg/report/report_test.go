package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/pkg/inventory"
	"github.com/ifacelint/ifacelint/pkg/lint"
	"github.com/ifacelint/ifacelint/pkg/policy"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sampleFindings covers every shape a reporter must handle: several files,
// a file-level finding, a waived and a baselined one, every severity, and
// inventory strings carrying terminal escapes and markup.
func sampleFindings() []lint.Finding {
	fs := []lint.Finding{
		{Rule: "authentication/admin-mfa", Severity: policy.Error, Message: "privileged portal interface does not require MFA (authentication.mfa is not true)",
			File: "inventory/platform/admin.yaml", Line: 14, Column: 5, Kind: "Interface", ID: "admin-console",
			Path: inventory.Path{"spec", "authentication", "mfa"}, Controls: []string{"8.5", "8.2"}, Remediation: "Set spec.authentication.mfa to true."},
		{Rule: "transport/tls-required", Severity: policy.Error, Message: "endpoint \"http://x\x1b[2J<b>&\" uses plaintext scheme \"http\"",
			File: "inventory/platform/admin.yaml", Line: 20, Column: 9, Kind: "Interface", ID: "admin-console",
			Path: inventory.Path{"spec", "endpoints", 1, "url"}, Controls: []string{"8.24", "5.14", "8.20"}, Remediation: "Use https."},
		{Rule: "schema/invalid", Severity: policy.Error, Message: "not a text file: it contains NUL bytes",
			File: "inventory/weird\u202e.yaml", Line: 1, Column: 1, FileLevel: true, Path: inventory.Path{}, Controls: []string{"5.9"}, Remediation: "Fix the file."},
		{Rule: "ownership/review-current", Severity: policy.Warning, Message: "lastReviewed 2024-01-01 is 600 days old",
			File: "inventory/a.yaml", Line: 6, Column: 3, Kind: "Interface", ID: "a", Path: inventory.Path{"metadata", "lastReviewed"}, Controls: []string{"5.9"}, Remediation: "Review it."},
		{Rule: "waiver/unused", Severity: policy.Info, Message: "waiver for x/y is unused",
			File: "inventory/a.yaml", Line: 9, Column: 9, Kind: "Interface", ID: "a", Path: inventory.Path{"metadata", "waivers", 0, "rule"}, Controls: []string{"5.9"}},
		{Rule: "availability/rate-limited", Severity: policy.Error, Message: "no rate limit", Waived: true,
			File: "inventory/a.yaml", Line: 12, Column: 1, Kind: "Interface", ID: "a", Path: inventory.Path{"spec", "rateLimit", "enabled"}, Controls: []string{"8.6", "8.20"}},
		{Rule: "change/managed", Severity: policy.Warning, Message: "no change process", Baselined: true,
			File: "inventory/a.yaml", Line: 12, Column: 1, Kind: "Interface", ID: "a", Path: inventory.Path{"spec", "changeManagement", "process"}, Controls: []string{"8.32"}},
	}
	lint.Sort(fs)
	return fs
}

func sampleReport() *Report {
	r := New(sampleFindings(), 3, 4, nil)
	r.Summary.Duration = 42 * time.Millisecond
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./pkg/report -update):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestGolden(t *testing.T) {
	t.Parallel()
	tests := map[string]Reporter{
		"text.golden":       &Text{},
		"text-color.golden": &Text{Color: true},
		"json.golden":       JSON{},
	}
	for name, r := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := r.Write(&buf, sampleReport()); err != nil {
				t.Fatal(err)
			}
			golden(t, name, buf.Bytes())
		})
	}
}

func TestEmptyReport(t *testing.T) {
	t.Parallel()
	r := New(nil, 2, 5, nil)
	r.Summary.Duration = 1500 * time.Microsecond
	var text, js bytes.Buffer
	if err := (&Text{}).Write(&text, r); err != nil {
		t.Fatal(err)
	}
	if got := text.String(); got != "✔ no problems · 2 files, 5 documents checked in 2ms\n" {
		t.Errorf("text = %q", got)
	}
	if err := (JSON{}).Write(&js, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"findings": []`) {
		t.Errorf("json has no empty findings list: %s", js.String())
	}
}

// No control character from the inventory reaches a terminal.
func TestTextEscapesControlCharacters(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (&Text{}).Write(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	for _, r := range buf.String() {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
			t.Fatalf("control character %U reached the output", r)
		}
	}
}

func TestJSONShape(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (JSON{}).Write(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Summary  map[string]int   `json:"summary"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary["errors"] != 3 || out.Summary["warnings"] != 1 || out.Summary["infos"] != 1 || out.Summary["waived"] != 1 || out.Summary["baselined"] != 1 {
		t.Errorf("summary = %v", out.Summary)
	}
	for _, f := range out.Findings {
		if f["file"] == "inventory/weird\u202e.yaml" && (f["kind"] != nil || f["id"] != nil) {
			t.Errorf("file-level finding has kind/id: %v", f)
		}
	}
}

func TestTerminal(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"plain ünïcode":   "plain ünïcode",
		"a\x1b[31mb":      `a\x1b[31mb`,
		"line\nbreak\r":   `line\nbreak\r`,
		"bell\a del\x7f":  `bell\x07 del\x7f`,
		"c1 \u009b":       `c1 \x9b`,
		"rtl \u202e flip": `rtl \u202e flip`,
	}
	for in, want := range tests {
		if got := Terminal(in); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}
