package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/golden"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// sampleFindings covers every shape a reporter must handle: several files,
// a file-level finding, a waived and a baselined one, every severity,
// regions on one line and over several, and inventory strings carrying
// terminal escapes and markup. ciReport adds findings without an end, as a
// library caller may build them.
func sampleFindings() []lint.Finding {
	fs := []lint.Finding{
		{RuleInfo: &lint.RuleInfo{Rule: "authentication/admin-mfa", Severity: policy.Error, Controls: []string{"8.5", "8.2"}, Remediation: "Set spec.authentication.mfa to true."}, DocInfo: &lint.DocInfo{File: "inventory/platform/admin.yaml", Kind: "Interface", ID: "admin-console"}, Message: "privileged portal interface does not require MFA (authentication.mfa is not true)", Line: 14, Column: 5, EndLine: 14, EndColumn: 14, Path: inventory.Path{"spec", "authentication", "mfa"}},
		{RuleInfo: &lint.RuleInfo{Rule: "transport/tls-required", Severity: policy.Error, Controls: []string{"8.24", "5.14", "8.20"}, Remediation: "Use https."}, DocInfo: &lint.DocInfo{File: "inventory/platform/admin.yaml", Kind: "Interface", ID: "admin-console"}, Message: "endpoint \"http://x\x1b[2J<b>&\" uses plaintext scheme \"http\"", Line: 20, Column: 9, EndLine: 20, EndColumn: 27, Path: inventory.Path{"spec", "endpoints", 1, "url"}},
		{RuleInfo: &lint.RuleInfo{Rule: "schema/invalid", Severity: policy.Error, Controls: []string{"5.9"}, Remediation: "Fix the file."}, DocInfo: &lint.DocInfo{File: "inventory/weird\u202e.yaml"}, Message: "not a text file: it contains NUL bytes", Line: 1, Column: 1, EndLine: 1, EndColumn: 2, FileLevel: true, Path: inventory.Path{}},
		{RuleInfo: &lint.RuleInfo{Rule: "ownership/review-current", Severity: policy.Warning, Controls: []string{"5.9"}, Remediation: "Review it."}, DocInfo: &lint.DocInfo{File: "inventory/a.yaml", Kind: "Interface", ID: "a"}, Message: "lastReviewed 2024-01-01 is 600 days old", Line: 6, Column: 3, EndLine: 6, EndColumn: 28, Path: inventory.Path{"metadata", "lastReviewed"}},
		{RuleInfo: &lint.RuleInfo{Rule: "waiver/unused", Severity: policy.Info, Controls: []string{"5.9"}}, DocInfo: &lint.DocInfo{File: "inventory/a.yaml", Kind: "Interface", ID: "a"}, Message: "waiver for x/y is unused", Line: 9, Column: 9, EndLine: 9, EndColumn: 22, Path: inventory.Path{"metadata", "waivers", 0, "rule"}},
		{RuleInfo: &lint.RuleInfo{Rule: "availability/rate-limited", Severity: policy.Error, Controls: []string{"8.6", "8.20"}}, DocInfo: &lint.DocInfo{File: "inventory/a.yaml", Kind: "Interface", ID: "a"}, Message: "no rate limit", Waived: true, WaiverReason: "Fronted by the gateway <and> \"limits\".", Line: 12, Column: 1, EndLine: 15, EndColumn: 3, Path: inventory.Path{"spec", "rateLimit", "enabled"}},
		{RuleInfo: &lint.RuleInfo{Rule: "change/managed", Severity: policy.Warning, Controls: []string{"8.32"}}, DocInfo: &lint.DocInfo{File: "inventory/a.yaml", Kind: "Interface", ID: "a"}, Message: "no change process", Baselined: true, Line: 12, Column: 1, EndLine: 15, EndColumn: 3, Path: inventory.Path{"spec", "changeManagement", "process"}},
	}
	lint.Sort(fs)
	return fs
}

func sampleReport() *Report {
	r := New(sampleFindings(), 3, 4, nil)
	r.Summary.Duration = 42 * time.Millisecond
	return r
}

// hostileMessage carries what each CI format must neutralise: workflow
// command separators and escapes, line breaks, Markdown and HTML markup,
// links, mentions, issue references, math and control characters.
const hostileMessage = "owner \"@acme/security\" says: see [docs](http://evil.example/x) | <img src=x onerror=alert(1)> & `code` *bold* 100% done,\r\nnext: www.evil.example #12 $x$ \a\x1b[31m"

// ciReport extends the sample for the CI formats: a catalogue (with a rule
// that never fires and one with hostile text), a rule missing from the
// catalogue, hostile strings, file names that need URI encoding, files
// outside the repository root, and two findings with the same identity
// (duplicate documents). The command runs in /repo/sub of a /repo checkout.
func ciReport() *Report {
	fs := append(sampleFindings(),
		lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "acme/custom-check", Severity: policy.Warning, Controls: []string{"8.24"}, Remediation: "Ask <security> & fix |it|."}, DocInfo: &lint.DocInfo{File: "inventory/odd dir/a,b:c #1?%.yaml", Kind: "Interface", ID: "pay<&>\"'"}, Message: hostileMessage, Line: 3, Column: 7, EndLine: 3, EndColumn: 30, Path: inventory.Path{"spec", "x-acme"}},
		lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "ownership/owner-assigned", Severity: policy.Error, Controls: []string{"5.9"}, Remediation: "Name the owning team."}, DocInfo: &lint.DocInfo{File: "inventory/ünïcode.yaml", Kind: "ThirdParty", ID: "acme"}, Message: "metadata.owner.team is missing", Line: 4, Column: 3, EndLine: 6, EndColumn: 10, Path: inventory.Path{"metadata", "owner"}},
		lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "ownership/purpose-documented", Severity: policy.Warning, Controls: []string{"5.9"}, Remediation: "Describe it."}, DocInfo: &lint.DocInfo{File: "inventory/dup1.yaml", Kind: "Interface", ID: "dup"}, Message: "no metadata.description", Line: 3, Column: 1, Path: inventory.Path{"metadata"}},
		lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "ownership/purpose-documented", Severity: policy.Warning, Controls: []string{"5.9"}, Remediation: "Describe it."}, DocInfo: &lint.DocInfo{File: "inventory/dup2.yaml", Kind: "Interface", ID: "dup"}, Message: "no metadata.description", Line: 3, Column: 1, Path: inventory.Path{"metadata"}},
		lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "schema/invalid", Severity: policy.Error, Controls: []string{"5.9"}, Remediation: "Fix the file."}, DocInfo: &lint.DocInfo{File: "../../tmp/outside.yaml"}, Message: "file is empty", Line: 1, Column: 1, FileLevel: true, Path: inventory.Path{}},
		lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "waiver/unused", Severity: policy.Info, Controls: []string{"5.9"}}, DocInfo: &lint.DocInfo{File: "/elsewhere/x.yaml", Kind: "Interface", ID: "x"}, Message: "waiver for a/b is unused", Line: 7, Column: 9, EndLine: 7, EndColumn: 22, Path: inventory.Path{"metadata", "waivers", 0, "rule"}},
	)
	lint.Sort(fs)
	r := New(fs, 9, 11, sampleCatalogue())
	r.Version = "1.2.3"
	r.Root, r.WorkDir = "/repo", "/repo/sub"
	r.Summary.Duration = 42 * time.Millisecond
	return r
}

// sampleCatalogue describes the sample's rules (not acme/custom-check), plus
// data/classified, which never fires, and a custom rule with hostile text.
// It is loaded from METADATA like a real catalogue, so lookups work as in a
// run.
func sampleCatalogue() *policy.Catalogue {
	module := func(id, metadata string) policy.Source {
		cat, name, _ := strings.Cut(strings.ReplaceAll(id, "-", "_"), "/")
		text := "# METADATA\n" + metadata + "package ifacelint.rules." + cat + "." + name + "\n\ndeny contains \"x\" if false\n"
		return policy.Source{Name: id + ".rego", Text: text}
	}
	builtin := func(id, severity, controls string) policy.Source {
		return module(id, fmt.Sprintf(`# title: Title of %[1]s
# description: |-
#   Why %[1]s matters.
#   Second line.
# custom:
#   severity: %[2]s
#   controls: [%[3]s]
#   trigger: When %[1]s fires.
#   remediation: Fix %[1]s.
`, id, severity, controls))
	}
	load := func(sources []policy.Source) []*ast.Module {
		mods, err := policy.Parse(sources)
		if err != nil {
			panic(err)
		}
		return mods
	}
	cat, err := policy.NewCatalogue(load([]policy.Source{
		builtin("authentication/admin-mfa", "error", `"8.5", "8.2"`),
		builtin("availability/rate-limited", "error", `"8.6", "8.20"`),
		builtin("change/managed", "warning", `"8.32"`),
		builtin("data/classified", "error", `"5.12"`),
		builtin("ownership/owner-assigned", "error", `"5.9"`),
		builtin("ownership/purpose-documented", "warning", `"5.9"`),
		builtin("ownership/review-current", "warning", `"5.9"`),
		builtin("schema/invalid", "error", `"5.9"`),
		builtin("transport/tls-required", "error", `"8.24", "5.14", "8.20"`),
		builtin("waiver/unused", "info", `"5.9"`),
	}), true)
	if err != nil {
		panic(err)
	}
	err = policy.AddModules(cat, load([]policy.Source{module("acme/hostile-title", `# title: "<b>Bold</b> | pipes & `+"`ticks`"+`"
# description: "[click](javascript:alert(1)) @someone"
# custom:
#   severity: info
#   remediation: Set spec.x to *true*.
`)}), false)
	if err != nil {
		panic(err)
	}
	return cat
}

func TestGolden(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		r      Reporter
		report func() *Report
	}{
		"text.golden":       {&Text{}, sampleReport},
		"text-color.golden": {&Text{Color: true}, sampleReport},
		"json.golden":       {JSON{}, sampleReport},
		"sarif.golden":      {SARIF{}, ciReport},
		"sarif-suppressed.golden": {SARIF{Suppressed: true, Category: "ifacelint/api"}, func() *Report {
			r := ciReport()
			r.FailOn = policy.Warning
			return r
		}},
		"junit.golden":    {JUnit{}, junitReport},
		"github.golden":   {GitHub{}, ciReport},
		"gitlab.golden":   {GitLab{}, ciReport},
		"markdown.golden": {Markdown{}, ciReport},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := tc.r.Write(&buf, tc.report()); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name, buf.Bytes())
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

// Printable escapes like Terminal but keeps credentials: rule METADATA.
func TestPrintable(t *testing.T) {
	t.Parallel()
	key := "AKIA" + "IOSFODNN7EXAMPLE"
	if got := textsafe.Printable("k " + key + "\n"); got != "k "+key+`\n` {
		t.Errorf("Printable = %q", got)
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
		// Bytes that are not UTF-8 (a raw 8-bit CSI), and separators.
		"raw \x9b31m":       `raw \x9b31m`,
		"cut \xe2\x80":      `cut \xe2\x80`,
		"ls \u2028 ps":      `ls \u2028 ps`,
		"real \ufffd stays": "real \ufffd stays",
		// Workflow commands: a leading "::" and the legacy "##[" anywhere.
		"::warning::x":        `\x3a:warning::x`,
		"  ::error file=a::b": `  \x3a:error file=a::b`,
		"mid ::warning::x":    "mid ::warning::x",
		"a ##[warning]b":      `a ##\x5bwarning]b`,
		// After any blank the runner trims (.NET's white space, and more).
		"\u00a0::warning::x":       "\u00a0" + `\x3a:warning::x`,
		"\u3000\u2003 ::error::x":  "\u3000\u2003 " + `\x3a:error::x`,
		"\ufeff\u200b::notice::x":  "\ufeff\u200b" + `\x3a:notice::x`,
		"\u1680\u202f\u205f::x::y": "\u1680\u202f\u205f" + `\x3a:x::y`,
		"\u200c::x::y":             "\u200c::x::y", // a joiner is no blank
		// Credentials are redacted.
		"key AKIA" + "IOSFODNN7EXAMPLE.": "key [redacted credential].",
	}
	for in, want := range tests {
		if got := textsafe.Terminal(in); got != want {
			t.Errorf("textsafe.Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}

// A rule's fix is printed under its first finding in each file, not under
// every finding of that rule there.
func TestTextFixOncePerFileAndRule(t *testing.T) {
	t.Parallel()
	f := func(file string, line int, rule string) finding.Finding {
		return finding.Finding{RuleInfo: &finding.RuleInfo{Rule: rule, Severity: "error", Remediation: "Fix " + rule + "."}, DocInfo: &finding.DocInfo{File: file}, Message: "m", Line: line, Column: 1}
	}
	r := &Report{Findings: []finding.Finding{
		f("a.yaml", 1, "schema/invalid"), f("a.yaml", 2, "schema/invalid"), f("a.yaml", 3, "x/y"),
		f("b.yaml", 1, "schema/invalid"),
	}}
	var buf bytes.Buffer
	if err := (&Text{Quiet: true}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "fix: Fix schema/invalid."); n != 2 {
		t.Errorf("schema/invalid's fix printed %d times, want 2 (once per file):\n%s", n, out)
	}
	if n := strings.Count(out, "fix: Fix x/y."); n != 1 {
		t.Errorf("x/y's fix printed %d times, want 1:\n%s", n, out)
	}
}
