package textsafe

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// guardCases are written through a CommandGuard whole and split at every
// byte: the result is the same.
var guardCases = []struct{ in, want string }{
	{"plain text\nsecond line\n", "plain text\nsecond line\n"},
	{"::warning::x\n", `\x3a:warning::x` + "\n"},
	{"ok\n::warning::x\n", "ok\n" + `\x3a:warning::x` + "\n"},
	{"  \t::warning::x\n", "  \t" + `\x3a:warning::x` + "\n"},
	{"\u00a0::warning title=Security review::Approved\n", "\u00a0" + `\x3a:warning title=Security review::Approved` + "\n"},
	{"\u3000\u2003\u202f\u205f\u1680\u2000\u200a::error::x", "\u3000\u2003\u202f\u205f\u1680\u2000\u200a" + `\x3a:error::x`},
	{"\ufeff\u200b\u180e::notice::x\n", "\ufeff\u200b\u180e" + `\x3a:notice::x` + "\n"},
	{"\u0085\u2028\u2029\v\f::notice::x\n", "\u0085\u2028\u2029\v\f" + `\x3a:notice::x` + "\n"},
	{"a\r::error::x\r\n", "a\r" + `\x3a:error::x` + "\r\n"},
	{"not :: at the start\n", "not :: at the start\n"},
	{"x ::warning::y\n", "x ::warning::y\n"},
	{":one colon\n", ":one colon\n"},
	{"  :\n::\n", "  :\n" + `\x3a:` + "\n"},
	{"\x1b[31m::warning::x\n", "\x1b[31m::warning::x\n"},
	{"text ##[warning]x ###[y] ##\n", `text ##\x5bwarning]x ###\x5by] ##` + "\n"},
	{"ends with #", "ends with #"},
	{"ends with ##", "ends with ##"},
	{"ends with :", "ends with :"},
	{"  ", "  "},
	{" :", " :"},
	{"\xe3\x80", "\xe3\x80"},
	{"ü::x\n", "ü::x\n"},
	{"\xff::x\n", "\xff::x\n"},
}

func TestCommandGuard(t *testing.T) {
	for _, tc := range guardCases {
		want := tc.want
		if got := guarded(t, []string{tc.in}); got != want {
			t.Errorf("whole %q: got %q, want %q", tc.in, got, want)
		}
		for i := 1; i < len(tc.in); i++ {
			if got := guarded(t, []string{tc.in[:i], tc.in[i:]}); got != want {
				t.Errorf("split %q at %d: got %q, want %q", tc.in, i, got, want)
			}
		}
		bytewise := make([]string, len(tc.in))
		for i := 0; i < len(tc.in); i++ {
			bytewise[i] = tc.in[i : i+1]
		}
		if got := guarded(t, bytewise); got != want {
			t.Errorf("byte by byte %q: got %q, want %q", tc.in, got, want)
		}
	}
}

func guarded(t *testing.T, writes []string) string {
	t.Helper()
	var b bytes.Buffer
	g := NewCommandGuard(&b)
	for _, w := range writes {
		if n, err := g.Write([]byte(w)); n != len(w) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", w, n, err)
		}
	}
	if err := g.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Writers on several goroutines (the progress line and the run) share one
// guard.
func TestCommandGuardConcurrent(t *testing.T) {
	var b bytes.Buffer
	g := NewCommandGuard(&b)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				fmt.Fprint(g, "\u3000::warning::x\n")
			}
		}()
	}
	wg.Wait()
	if strings.Contains(b.String(), "\u3000::") || strings.Count(b.String(), `\x3a`) != 800 {
		t.Errorf("a line escaped wrongly among %d bytes", b.Len())
	}
}
