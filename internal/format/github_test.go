package format

import (
	"github.com/ifacelint/ifacelint/internal/textsafe"

	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ data, property string }{
		"plain":                         {"plain", "plain"},
		"100% a:b,c":                    {"100%25 a:b,c", "100%25 a%3Ab%2Cc"},
		"one\r\ntwo":                    {"one%0D%0Atwo", "one%0D%0Atwo"},
		"%0A literally":                 {"%250A literally", "%250A literally"},
		"ansi\x1b[2J":                   {`ansi\x1b[2J`, `ansi\x1b[2J`},
		"rtl\u202e":                     {`rtl\u202e`, `rtl\u202e`},
		"csi\x9b31m":                    {`csi\x9b31m`, `csi\x9b31m`},
		"nl\n::warning::x":              {"nl%0A::warning::x", "nl%0A%3A%3Awarning%3A%3Ax"},
		"key AKIA" + "IOSFODNN7EXAMPLE": {"key [redacted credential]", "key [redacted credential]"},
	}
	for in, want := range tests {
		if got := githubData(in); got != want.data {
			t.Errorf("githubData(%q) = %q, want %q", in, got, want.data)
		}
		if got := githubProperty(in); got != want.property {
			t.Errorf("githubProperty(%q) = %q, want %q", in, got, want.property)
		}
	}
}

// One command per open finding and one summary line: no inventory string
// can end a command early or start another.
func TestGitHubOneLinePerFinding(t *testing.T) {
	t.Parallel()
	r := ciReport()
	var buf bytes.Buffer
	if err := (GitHub{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(r.Open())+1 {
		t.Fatalf("%d lines for %d open findings:\n%s", len(lines), len(r.Open()), buf.String())
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") && !strings.HasPrefix(l, "::notice file=") {
			t.Errorf("not a workflow command: %q", l)
		}
		if strings.ContainsAny(l, "\r\x1b") {
			t.Errorf("raw control character in %q", l)
		}
	}
	if last := lines[len(lines)-1]; strings.HasPrefix(last, "::") {
		t.Errorf("summary is a command: %q", last)
	}
}

// workflowCommand is a line as the Actions runner parses it
// (`::name key=value,key=value::message`, see ActionCommand.TryParseV2 in
// actions/runner): properties are split on `,` and the first `=`, and
// values and the message are unescaped as the runner does.
type workflowCommand struct {
	Name       string
	Properties map[string]string
	Message    string
}

func parseWorkflowCommand(line string) (workflowCommand, bool) {
	if !strings.HasPrefix(line, "::") {
		return workflowCommand{}, false
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return workflowCommand{}, false
	}
	info, msg := line[2:2+end], line[2+end+2:]
	name, props, _ := strings.Cut(info, " ")
	cmd := workflowCommand{Name: name, Properties: map[string]string{}, Message: unescapeData(msg)}
	if props != "" {
		for _, p := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok || k == "" {
				return workflowCommand{}, false
			}
			cmd.Properties[k] = unescapeProperty(v)
		}
	}
	return cmd, true
}

func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(s)
}

func unescapeProperty(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// runGitHub writes r as workflow commands and parses the output as the
// runner does: every line starting with `::` (after leading blanks, which
// the runner trims) must be a well-formed command; the others are log text.
func runGitHub(t *testing.T, r *Report) (cmds []workflowCommand, plain []string) {
	t.Helper()
	var buf bytes.Buffer
	if err := (GitHub{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if strings.ContainsAny(l, "\r\x1b") {
			t.Errorf("raw control character in %q", l)
		}
		if !strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
			plain = append(plain, l)
			continue
		}
		c, ok := parseWorkflowCommand(l)
		if !ok {
			t.Fatalf("malformed workflow command %q", l)
		}
		cmds = append(cmds, c)
	}
	return cmds, plain
}

// manyFindings makes errors, warnings and infos interleaved across files,
// sorted as lint sorts them.
func manyFindings(errors, warnings, infos int) []lint.Finding {
	var fs []lint.Finding
	add := func(n int, sev policy.Severity) {
		for i := range n {
			fs = append(fs, lint.Finding{RuleInfo: &lint.RuleInfo{Rule: "r/" + string(sev), Severity: sev}, DocInfo: &lint.DocInfo{File: fmt.Sprintf("inventory/f%02d.yaml", i), Kind: "Interface", ID: "x"}, Message: fmt.Sprintf("%s %d", sev, i), Line: 1 + i%3, Column: 1, Path: inventory.Path{}})
		}
	}
	add(errors, policy.Error)
	add(warnings, policy.Warning)
	add(infos, policy.Info)
	lint.Sort(fs)
	return fs
}

// GitHub shows 10 annotations of each kind per step: the output holds at
// most 10 of each, gate-failing and more severe first, then one notice
// (within the notice limit) saying what was left out.
func TestGitHubAnnotationLimits(t *testing.T) {
	t.Parallel()
	r := New(manyFindings(15, 12, 13), 15, 15, nil)
	r.Root, r.WorkDir = "/repo", "/repo"
	r.FailOn = policy.Warning
	cmds, plain := runGitHub(t, r)
	count := map[string]int{}
	rank := map[string]int{"error": 3, "warning": 2, "notice": 1}
	prev := 4
	for i, c := range cmds {
		count[c.Name]++
		if rank[c.Name] == 0 {
			t.Errorf("unexpected command %q", c.Name)
		}
		if rank[c.Name] > prev {
			t.Errorf("command %d (%s) after a less severe one", i, c.Name)
		}
		prev = rank[c.Name]
		if i == len(cmds)-1 {
			continue
		}
		if c.Properties["file"] == "" || c.Properties["line"] == "" || c.Properties["title"] != "r/"+map[string]string{"error": "error", "warning": "warning", "notice": "info"}[c.Name] {
			t.Errorf("annotation %d: %+v", i, c)
		}
	}
	if count["error"] != 10 || count["warning"] != 10 || count["notice"] != 10 {
		t.Errorf("counts %v, want 10 of each (9 infos and the notice)", count)
	}
	last := cmds[len(cmds)-1]
	if last.Name != "notice" || last.Properties["file"] != "" ||
		!strings.Contains(last.Message, "11 more findings") || !strings.Contains(last.Message, "7 of them at or above the fail-on level") ||
		!strings.HasSuffix(last.Message, "per step; ifacelint lint lists them all") {
		t.Errorf("last command is not the overflow notice: %+v", last)
	}
	// With the outputs of the Action's run, it names them as they are: the
	// SARIF holds every finding, the markdown the first 200.
	var buf bytes.Buffer
	sibs := []Sibling{{"github", ""}, {"sarif", "ifacelint.sarif"}, {"markdown", "/tmp/ifacelint.md"}}
	if err := (GitHub{Siblings: sibs}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	if want := "GitHub shows 10 of each kind per step; all of them are in the SARIF output of this run (ifacelint.sarif); " +
		"the markdown output (/tmp/ifacelint.md) lists them too\n"; !strings.Contains(buf.String(), want) {
		t.Errorf("overflow notice with the Action's outputs:\n%s\nwant %q", buf.String(), want)
	}
	// Within a kind, file order is kept: the first ten errors are shown.
	for i, c := range cmds[:10] {
		if want := fmt.Sprintf("inventory/f%02d.yaml", i); c.Properties["file"] != want {
			t.Errorf("error %d in %s, want %s", i, c.Properties["file"], want)
		}
	}
	if len(plain) != 1 || !strings.HasPrefix(plain[0], "ifacelint: 40 problems") {
		t.Errorf("plain lines %q, want the summary only", plain)
	}
}

// Nothing is cut: every finding is annotated and no overflow notice is
// printed, up to 10 notices.
func TestGitHubWithinLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ errors, warnings, infos, notices int }{
		{10, 10, 10, 10},
		{0, 0, 11, 10}, // 9 infos and the notice
		{11, 0, 0, 1},  // the notice alone
	} {
		cmds, _ := runGitHub(t, New(manyFindings(tc.errors, tc.warnings, tc.infos), 1, 1, nil))
		count := map[string]int{}
		for _, c := range cmds {
			count[c.Name]++
		}
		if count["error"] != min(tc.errors, 10) || count["warning"] != min(tc.warnings, 10) || count["notice"] != tc.notices {
			t.Errorf("%+v: counts %v", tc, count)
		}
		cut := tc.errors > 10 || tc.warnings > 10 || tc.infos > 10
		if hasNotice := len(cmds) > 0 && cmds[len(cmds)-1].Properties["file"] == ""; hasNotice != cut {
			t.Errorf("%+v: overflow notice %v, want %v", tc, hasNotice, cut)
		}
	}
}

// The hostile sample round-trips through the runner's unescaping: file,
// title and message arrive whole, with no line break ending the command.
func TestGitHubParsedAsRunner(t *testing.T) {
	t.Parallel()
	r := ciReport()
	cmds, plain := runGitHub(t, r)
	if len(cmds) != len(r.Open()) || len(plain) != 1 {
		t.Fatalf("%d commands and %d plain lines for %d open findings", len(cmds), len(plain), len(r.Open()))
	}
	var found bool
	for _, c := range cmds {
		if c.Properties["title"] != "acme/custom-check" {
			continue
		}
		found = true
		if c.Properties["file"] != "sub/inventory/odd dir/a,b:c #1?%.yaml" || c.Properties["line"] != "3" || c.Properties["col"] != "7" {
			t.Errorf("properties %+v", c.Properties)
		}
		if !strings.Contains(c.Message, "100% done,\r\nnext:") || strings.Contains(c.Message, "\x1b") {
			t.Errorf("message %q", c.Message)
		}
	}
	if !found {
		t.Fatal("no annotation for the hostile finding")
	}
}

// The github format's own annotations pass the guard that stands in front
// of standard output unchanged; a line of blanks then :: does not, even
// then, and the guard is strict again once the format is done.
func TestCommandGuardGitHubCommands(t *testing.T) {
	var direct, b bytes.Buffer
	if err := (GitHub{}).Write(&direct, ciReport()); err != nil {
		t.Fatal(err)
	}
	g := textsafe.NewCommandGuard(&b)
	if err := (GitHub{}).Write(g, ciReport()); err != nil {
		t.Fatal(err)
	}
	if b.String() != direct.String() || !strings.HasPrefix(b.String(), "::") {
		t.Errorf("the guard changed the github format:\n%s\nwant:\n%s", b.String(), direct.String())
	}
	b.Reset()
	restore := g.AllowCommands()
	fmt.Fprint(g, "::error file=a.yaml::own\n\u00a0::warning::forged\n")
	restore()
	fmt.Fprint(g, "::warning::after\n")
	want := "::error file=a.yaml::own\n\u00a0" + `\x3a:warning::forged` + "\n" + `\x3a:warning::after` + "\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
