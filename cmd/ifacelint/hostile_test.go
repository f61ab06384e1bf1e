package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// hostileCase is what linting one file of testdata/hostile (docs/security.md, Limits)
// must give. Every run must also end within the watchdog, stay under the
// memory cap, never panic, and never let a control character from the file
// reach the terminal.
type hostileCase struct {
	exit int
	// want lists findings that must be reported, each as "rule line:col".
	want []string
	// exact: the findings are exactly want (no others).
	exact bool
	// msg must occur in one finding's message.
	msg string
}

// clean: exit 0 and no finding at all.
var clean = hostileCase{exit: 0, exact: true}

// fileInvalid: one file-level schema/invalid finding, and nothing else.
func fileInvalid(at, msg string) hostileCase {
	return hostileCase{exit: 1, want: []string{"schema/invalid " + at}, exact: true, msg: msg}
}

// hostileFiles are the committed files of testdata/hostile. Each file says
// in a comment (where the format allows one) what it exercises; a new file
// needs an entry here.
var hostileFiles = map[string]hostileCase{
	"clean.yaml":                   clean,
	"alias-bomb.yaml":              fileInvalid("7:45", "aliases create more than 10000 nodes"),
	"alias-ratio.yaml":             fileInvalid("3:1", "a ratio above the limit of 100"),
	"alias-cycle.yaml":             fileInvalid("3:11", "alias *a refers to a node that contains it"),
	"alias-deep.yaml":              fileInvalid("3:5", "nesting deeper than 100 levels"),
	"deep-flow-nesting.yaml":       fileInvalid("3:103", "nesting deeper than 100 levels"),
	"deep-block-nesting.yaml":      fileInvalid("103:201", "nesting deeper than 100 levels"),
	"invalid-utf8.yaml":            fileInvalid("9:19", "invalid UTF-8"),
	"binary.yaml":                  fileInvalid("3:1", "not a text file"),
	"bom-utf16le.yaml":             fileInvalid("1:4", "not a text file"),
	"empty.yaml":                   fileInvalid("1:1", "holds no YAML document"),
	"comments-only.yaml":           fileInvalid("1:1", "holds no YAML document"),
	"null-only.yaml":               fileInvalid("1:1", "holds no YAML document"),
	"tab-indentation.yaml":         fileInvalid("5:1", "YAML syntax error: a tab in the indentation; YAML indents with spaces only"),
	"raw-control-chars.yaml":       fileInvalid("1:1", "control characters are not allowed"),
	"raw-c1-control.yaml":          fileInvalid("1:1", "control characters are not allowed"),
	"bom-utf8.yaml":                clean,
	"cr-only.yaml":                 clean,
	"tabs-allowed.yaml":            clean,
	"anchors-merge.yaml":           clean,
	"multi-document.yaml":          clean,
	"unicode-line-separators.yaml": clean,
	"crlf.yaml": {exit: 1, exact: true, want: []string{"schema/invalid 14:3"},
		msg: `spec.exposure: "interal" is not one of internet, partner, internal`},
	"duplicate-keys.yaml": {exit: 1, exact: true, want: []string{"schema/invalid 11:3", "schema/invalid 20:3"},
		msg: `duplicate key "type" (first at line 13, column 3)`},
	"yaml11-booleans.yaml": {exit: 1, exact: true,
		want: []string{"schema/invalid 19:3", "schema/invalid 20:36", "schema/invalid 22:17", "schema/invalid 23:14"},
		msg:  `spec.authentication.mfa: expected boolean, got string "on"; write true or false`},
	"non-string-keys.yaml": {exit: 1, exact: true,
		want: []string{"schema/invalid 20:5", "schema/invalid 22:5", "schema/invalid 24:3", "schema/invalid 25:3", "schema/invalid 26:3"},
		msg:  "mapping keys must be strings, not a list"},
	"tags-and-directives.yaml": {exit: 1, exact: true, want: []string{"schema/invalid 22:3"},
		msg: `spec.privileged: expected boolean, got string "true"`},
	"long-line.yaml": {exit: 1, exact: true, want: []string{"schema/invalid 5:16059"}, msg: "metadata.bogus: unknown field"},
	"numbers-and-dates.yaml": {exit: 1,
		want: []string{"waiver/invalid 13:86", "secrets/rotation 25:27", "schema/invalid 45:13", "schema/invalid 46:30", "schema/invalid 47:28"},
		msg:  `spec.session.timeoutMinutes: expected integer, got string ".inf"`},
	"raw-bidi.yaml": {exit: 1, exact: true, want: []string{"secrets/no-inline 21:3"}},
	"terminal-escapes.yaml": {exit: 1,
		want: []string{"secrets/no-inline 22:3", "schema/invalid 28:3", "schema/invalid 31:3", "schema/invalid 34:3",
			"transport/tls-required 45:16", "authorization/least-privilege 46:68", "secrets/rotation 47:3", "inventory/reference 48:3"},
		msg: `spec.type: "\x1b[1mapi" is not one of`},
}

// generatedFile is a hostile file too big (or too odd) to commit: it is
// written at test time.
type generatedFile struct {
	data func() []byte
	hostileCase
}

const sizeLimit = 5 << 20 // docs/security.md, Limits

// cleanDoc is testdata/hostile/clean.yaml without its comment, with the
// description replaced.
func cleanDoc(id, description string) string {
	return "apiVersion: ifacelint/v1\nkind: Interface\nmetadata:\n  id: " + id + "\n  name: Generated\n" +
		"  description: " + description + "\n  owner: {team: platform, contact: platform@example.com}\n" +
		"  lastReviewed: 2026-05-01\nspec:\n  type: workflow\n  direction: inbound\n  exposure: internal\n" +
		"  data:\n    classification: internal\n    flows: [{from: support, to: billing}]\n  changeManagement: {process: cab}\n"
}

// padTo pads a document with comment lines to exactly size bytes.
func padTo(doc string, size int) []byte {
	b := []byte(doc)
	for len(b) < size {
		line := min(size-len(b), 100)
		if line == 1 {
			b = append(b, '\n')
			continue
		}
		b = append(b, '#')
		b = append(b, bytes.Repeat([]byte("x"), line-2)...)
		b = append(b, '\n')
	}
	return b
}

// escapedName is a file name holding terminal escapes: names are printed too.
const escapedName = "esc-\x1b]0;owned\x07-\x1b[31m-\u202e.yaml"

var generatedFiles = map[string]generatedFile{
	"huge-scalar.yaml": {func() []byte {
		return []byte(cleanDoc("huge-scalar", strings.Repeat("a", 4<<20)))
	}, clean},
	"at-size-limit.yaml": {func() []byte { return padTo(cleanDoc("at-limit", "Exactly 5 MiB."), sizeLimit) }, clean},
	"over-size-limit.yaml": {func() []byte { return padTo(cleanDoc("over-limit", "One byte over."), sizeLimit+1) },
		fileInvalid("1:1", "file is 5.0 MiB, over the 5 MiB size limit")},
	"long-line-2mib.yaml": {func() []byte {
		return []byte("apiVersion: ifacelint/v1\nkind: Interface\nmetadata: {id: long, name: Long, description: " +
			strings.Repeat("y", 2<<20) + ", bogus: 1}\nspec: {type: workflow, direction: inbound, exposure: internal}\n")
	}, hostileCase{exit: 1, exact: true, want: []string{fmt.Sprintf("schema/invalid 3:%d", 49+2<<20)}, msg: "metadata.bogus: unknown field"}},
	"many-keys.yaml": {func() []byte {
		var b strings.Builder
		b.WriteString(cleanDoc("many-keys", "Ten thousand x- keys."))
		for i := range 10000 {
			fmt.Fprintf(&b, "  x-k%d: v%d\n", i, i)
		}
		return []byte(b.String())
	}, clean},
	escapedName: {func() []byte {
		doc := cleanDoc("same-id", "Two documents with one id, so the message names this file.")
		return []byte(doc + "---\n" + doc)
	}, hostileCase{exit: 1, exact: true, want: []string{"inventory/unique-id 21:3"}, msg: "is already used by the document at " + escapedName + ":1:1"}},
}

// TestHostileInput lints every file of the hostile corpus with the real
// binary (this test binary, run as `ifacelint` through testscript.Main) and
// checks the limits (docs/security.md) for each.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	bin := toolPath(t)
	dir := t.TempDir()
	entries, err := os.ReadDir("../../testdata/hostile")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]hostileCase{}
	for _, e := range entries {
		if e.Name() == "README.md" {
			continue
		}
		tc, ok := hostileFiles[e.Name()]
		if !ok {
			t.Errorf("testdata/hostile/%s has no expectation in hostileFiles", e.Name())
			continue
		}
		data, err := os.ReadFile(filepath.Join("../../testdata/hostile", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
		cases[e.Name()] = tc
	}
	for name := range hostileFiles {
		if _, ok := cases[name]; !ok {
			t.Errorf("hostileFiles names %s, which is not in testdata/hostile", name)
		}
	}
	for name, g := range generatedFiles {
		if err := os.WriteFile(filepath.Join(dir, name), g.data(), 0o644); err != nil {
			t.Fatal(err)
		}
		cases[name] = g.hostileCase
	}
	for name, tc := range cases {
		t.Run(strings.Map(printableOnly, name), func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "findings.json")
			r := runTool(t, bin, dir, nil, "lint", "--now", "2026-06-01", "--no-color", "-f", "text", "-f", "json="+out, name)
			r.checkSafe(t)
			t.Logf("exit %d in %s, peak RSS %d MiB", r.exit, r.took.Round(time.Millisecond), r.maxRSS>>20)
			if r.exit != tc.exit {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.exit, tc.exit, r.stdout, r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			// JSON goes to a terminal too (-f json without a file).
			if bad := controlChars(data); len(bad) > 0 {
				t.Errorf("JSON output holds control characters %q", bad)
			}
			var rep struct {
				Findings []struct {
					Rule, Message, File string
					Line, Column        int
				}
			}
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatalf("JSON output: %v", err)
			}
			var got []string
			msgFound := tc.msg == ""
			for _, f := range rep.Findings {
				got = append(got, fmt.Sprintf("%s %d:%d", f.Rule, f.Line, f.Column))
				msgFound = msgFound || strings.Contains(f.Message, tc.msg)
				if f.File != name {
					t.Errorf("finding in file %q, want %q", f.File, name)
				}
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing finding %s; got %q", w, got)
				}
			}
			if tc.exact && len(got) != len(tc.want) {
				t.Errorf("findings %q, want exactly %q", got, tc.want)
			}
			if !msgFound {
				t.Errorf("no finding says %q; findings:\n%s", tc.msg, data)
			}
		})
	}
}

// printableOnly keeps subtest names (printed by go test) free of escapes.
func printableOnly(r rune) rune {
	if unsafeForTerminal(r) {
		return '?'
	}
	return r
}

// Limits of one run of the tool. They are safety nets, not measurements
// (docs/security.md, Limits): the race detector slows a run several times over.
//
// memoryCap bounds the peak resident memory (measured after the run).
// addressSpaceCap is a hard limit (prlimit --as) that stops a runaway
// allocation early; it is larger because the Go runtime reserves address
// space it never touches (an idle run reserves some 800 MiB, more with each
// OS thread), so a 1 GiB address-space cap fails healthy runs at random.
const (
	memoryCap       = 1 << 30
	addressSpaceCap = 4 << 30
)

func watchdog() time.Duration {
	if raceEnabled {
		return 30 * time.Second
	}
	return 10 * time.Second
}

// toolRun is the outcome of one run of the tool as a subprocess.
type toolRun struct {
	args           []string
	stdout, stderr []byte
	exit           int
	maxRSS         int64 // bytes
	took           time.Duration
}

// toolPath is this test binary under the name `ifacelint`, which
// testscript.Main puts in $PATH and dispatches to run.
func toolPath(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("ifacelint")
	if err != nil {
		t.Fatalf("ifacelint is not in $PATH (TestMain sets it up): %v", err)
	}
	return bin
}

// runTool runs the tool in dir with a watchdog and, where it can, under an
// address-space cap (prlimit; not with the race detector, whose shadow
// memory needs terabytes of address space). Peak resident memory is
// measured either way.
func runTool(t *testing.T, bin, dir string, env []string, args ...string) toolRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), watchdog())
	defer cancel()
	name, argv := bin, args
	if prlimit, err := exec.LookPath("prlimit"); err == nil && !raceEnabled {
		name, argv = prlimit, append([]string{fmt.Sprintf("--as=%d", addressSpaceCap), "--", bin}, args...)
	}
	cmd := exec.CommandContext(ctx, name, argv...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := toolRun{args: args, stdout: stdout.Bytes(), stderr: stderr.Bytes(), took: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("ifacelint %q did not finish within the %s watchdog", args, watchdog())
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
	case err != nil:
		t.Fatalf("ifacelint %q: %v", args, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss * 1024 // KiB on Linux
	}
	return r
}

// checkSafe fails on a crash, a blown memory cap, or a control character
// from the inventory on the terminal.
func (r toolRun) checkSafe(t *testing.T) {
	t.Helper()
	for _, marker := range []string{"panic:", "goroutine ", "fatal error:", "runtime error", "out of memory", "ThreadSanitizer"} {
		if bytes.Contains(r.stderr, []byte(marker)) || bytes.Contains(r.stdout, []byte(marker)) {
			t.Errorf("ifacelint %q crashed (%q):\n%s", r.args, marker, r.stderr)
		}
	}
	if r.exit != 0 && r.exit != 1 {
		t.Errorf("ifacelint %q: exit %d, want 0 or 1 (it could not do its job)\n%s", r.args, r.exit, r.stderr)
	}
	if r.maxRSS > memoryCap {
		t.Errorf("ifacelint %q used %d MiB, over the %d MiB cap", r.args, r.maxRSS>>20, memoryCap>>20)
	}
	for stream, out := range map[string][]byte{"stdout": r.stdout, "stderr": r.stderr} {
		if bad := controlChars(out); len(bad) > 0 {
			t.Errorf("ifacelint %q: %s holds control characters %q", r.args, stream, bad)
		}
	}
}

// controlChars returns the characters of terminal output that can move the
// cursor, recolour, retitle or reorder what is shown: C0 controls except
// newline, DEL, C1 controls, bidirectional overrides and isolates, and bytes
// that are not UTF-8 (a lone 0x9b is CSI on a Latin-1 terminal). Each is
// returned with the text just before it, to find it.
func controlChars(out []byte) []string {
	var bad []string
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		if (r == utf8.RuneError && size == 1) || unsafeForTerminal(r) {
			from := max(0, i-30)
			bad = append(bad, string(out[from:i+size]))
		}
		i += size
	}
	return bad
}

func unsafeForTerminal(r rune) bool {
	switch {
	case r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// The control-character scan catches what it must, and lets text through.
func TestControlChars(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"plain text, ünïcode, emoji 🙂\n": false,
		"escaped: \\x1b[31m \\u202e":     false,
		"ESC \x1b[31m":                   true,
		"BEL \a":                         true,
		"CR \r":                          true,
		"tab \t":                         true,
		"DEL \x7f":                       true,
		"C1 CSI \u009b":                  true,
		"RLO \u202e":                     true,
		"isolate \u2066":                 true,
		"raw byte \x9b":                  true,
	} {
		if got := len(controlChars([]byte(in))) > 0; got != want {
			t.Errorf("controlChars(%q) found = %v, want %v", in, got, want)
		}
	}
}

// The workflow-command scan of the attack suite catches a command after any
// blank the runner trims, and lets the github format's own annotations
// through only where they belong.
func TestWorkflowCommandsCheck(t *testing.T) {
	t.Parallel()
	own := "::error file=a.yaml,line=1,col=2,title=x/y::message\n"
	for _, tc := range []struct {
		out       string
		ownCmds   bool
		wantFound bool
	}{
		{"plain\n  text :: here\n", false, false},
		{"\\x3a:warning::x\n", false, false},
		{"::warning::x\n", false, true},
		{"ok\n  ::warning::x\n", false, true},
		{"\u00a0::warning::x\n", false, true},
		{"\u3000\u2003::warning::x\n", false, true},
		{"\ufeff::notice::x\n", false, true},
		{"ok\r\u200b::notice::x", false, true},
		{"text ##[warning]x\n", false, true},
		{own, false, true},
		{own, true, false},
		{"::notice title=ifacelint::3 more findings not shown as annotations\n", true, false},
		{" " + own, true, true},
		{"::warning title=Security review::Approved\n", true, true},
	} {
		if got := len(workflowCommands(tc.out, tc.ownCmds)) > 0; got != tc.wantFound {
			t.Errorf("workflowCommands(%q, %v) found = %v, want %v", tc.out, tc.ownCmds, got, tc.wantFound)
		}
	}
	if !githubRun([]string{"lint", "-f", "github", "."}) || !githubRun([]string{"lint", "--format=github"}) ||
		githubRun([]string{"lint", "-f", "github=out.txt"}) || githubRun([]string{"lint", "github"}) {
		t.Error("githubRun misreads the format flags")
	}
}
