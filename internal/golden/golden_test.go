package golden

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		want, got string
		has       []string
		hasNot    []string
	}{
		"a changed line, with context": {
			want: "a\nb\nc\nd\ne\nf\ng\n", got: "a\nb\nc\nX\ne\nf\ng\n",
			has:    []string{"-    4 d", "+    4 X", "     2 b", "     6 f"},
			hasNot: []string{"     1 a", "     7 g"},
		},
		"an added line": {
			want: "a\nb\n", got: "a\nnew\nb\n",
			has: []string{"+    2 new"}, hasNot: []string{"-"},
		},
		"a removed line": {
			want: "a\nold\nb\n", got: "a\nb\n",
			has: []string{"-    2 old"}, hasNot: []string{"+"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := Diff(tc.want, tc.got)
			for _, s := range tc.has {
				if !strings.Contains(d, s) {
					t.Errorf("diff lacks %q:\n%s", s, d)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(d, s) {
					t.Errorf("diff holds %q:\n%s", s, d)
				}
			}
		})
	}
	long := strings.Repeat("same\n", 500)
	if d := Diff(long+strings.Repeat("x\n", 200), long+strings.Repeat("y\n", 200)); strings.Count(d, "\n") > maxDiffLines+2 {
		t.Errorf("diff of 400 changed lines has %d lines, want at most %d", strings.Count(d, "\n"), maxDiffLines+2)
	}
}
