package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/policy"
)

// An error reaches stderr as one line per line it means to have: a line
// break, a control character or a byte that is not UTF-8 from a file name
// or policy text is escaped, and a credential is redacted.
func TestSanitizeErr(t *testing.T) {
	t.Parallel()
	parseErr := func() error {
		_, err := policy.Parse([]policy.Source{
			{Name: "p\n::warning::forged.rego", Text: "package x\n\ndeny contains 1 +"},
			{Name: "q.rego", Text: "package y\n\ndeny contains 1 +"},
		})
		return err
	}()
	tests := map[string]struct {
		err  error
		want string
	}{
		"plain": {errors.New("open x.yaml: no such file"), "open x.yaml: no such file"},
		"line break in a file name": {
			fmt.Errorf("open %s: no such file", "a\n::warning::x"), `open a\n::warning::x: no such file`,
		},
		"8-bit CSI":  {errors.New("open b\x9b31m.yaml"), `open b\x9b31m.yaml`},
		"credential": {errors.New("open AKIA" + "IOSFODNN7EXAMPLE.yaml"), "open [redacted credential].yaml"},
		"usage hint on its own line": {
			&usageError{err: errors.New("unknown flag: --x\n::warning::y"), hint: "Run 'ifacelint lint --help' for usage."},
			"unknown flag: --x\\n::warning::y\nRun 'ifacelint lint --help' for usage.",
		},
	}
	for name, tt := range tests {
		if got := sanitizeErr(tt.err); got != tt.want {
			t.Errorf("%s: sanitizeErr = %q, want %q", name, got, tt.want)
		}
	}
	got := sanitizeErr(parseErr)
	lines := strings.Split(got, "\n")
	if len(lines) != 3 || lines[0] != "parse policies:" || !strings.HasPrefix(lines[1], `p\n::warning::forged.rego:3:`) || !strings.HasPrefix(lines[2], "q.rego:3:") {
		t.Errorf("policy errors: %q", got)
	}
}
