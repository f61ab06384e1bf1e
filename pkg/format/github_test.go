package format

import (
	"bytes"
	"strings"
	"testing"
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
