package credential

import (
	"slices"
	"strings"
	"testing"
)

// Credentials are assembled at run time so that this file does not itself
// trip secret scanners.
var (
	aws    = "AKIA" + "IOSFODNN7EXAMPLE"
	asia   = "ASIA" + "IOSFODNN7EXAMPLE"
	github = "ghp" + "_" + "0123456789abcdefghijABCDEFGHIJ012345"
	slack  = "xoxb" + "-" + "1234567890-abcdefghij"
	stripe = "sk" + "_live_" + "abcdefghijklmnopqrstuvwx"
	pem    = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEow..."
)

func TestKinds(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"prose", "Nightly export of invoices through the partner's high-throughput bucket.", nil},
		{"aws", "run with key " + aws + " please", []string{"AWS access key ID"}},
		{"aws session", asia, []string{"AWS access key ID"}},
		{"aws too short", "AKIA" + "IOSFODNN7", nil},
		{"aws lower case", strings.ToLower(aws), nil},
		{"github", github, []string{"GitHub token"}},
		{"github too short", "ghp_0123456789", nil},
		{"slack", slack, []string{"Slack token"}},
		{"slack, shortest", "xoxb" + "-0123456789", []string{"Slack token"}},
		{"slack, too short", "xoxb" + "-012345678", nil},
		{"stripe", stripe, []string{"Stripe live secret key"}},
		{"stripe test key", "sk" + "_test_" + "abcdefghijklmnopqrstuvwx", nil},
		{"pem", pem, []string{"PEM private key"}},
		{"pem public", "-----BEGIN PUBLIC KEY-----", nil},
		{"two kinds, sorted", stripe + " and " + aws, []string{"AWS access key ID", "Stripe live secret key"}},
		{"all five", strings.Join([]string{pem, slack, stripe, github, aws}, "\n"), []string{"AWS access key ID", "GitHub token", "PEM private key", "Slack token", "Stripe live secret key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Kinds(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Kinds(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := Contains(tt.in); got != (tt.want != nil) {
				t.Errorf("Contains(%q) = %v, want %v", tt.in, got, tt.want != nil)
			}
		})
	}
}

// TestPrecheck guards the cheap pre-check: for every pattern it must hold
// on every string the pattern matches, or Contains would miss a credential.
func TestPrecheck(t *testing.T) {
	samples := [][]string{
		{aws, asia, "xAKIA" + "ABCDEFGHIJ012345"},
		{github, "gho_" + strings.Repeat("a", 36), "ghu_" + strings.Repeat("b", 40), "ghs_" + strings.Repeat("c", 36), "ghr_" + strings.Repeat("d", 36), "ghgh" + "p_" + strings.Repeat("e", 36)},
		{pem, "-----BEGIN PRIVATE KEY-----", "-----BEGIN OPENSSH PRIVATE KEY-----"},
		{slack, "xoxa-" + "1234567890", "xoxp-" + "abcdefghij", "xoxr-" + "----------", "xoxs-" + "0000000000", "xoxxox" + "b-0123456789"},
		{stripe},
	}
	if len(samples) != len(Patterns) {
		t.Fatalf("samples for %d patterns, want %d", len(samples), len(Patterns))
	}
	for i, p := range Patterns {
		for _, s := range samples[i] {
			if !p.RE.MatchString(s) {
				t.Errorf("%s: sample %q does not match the pattern", p.Kind, s)
			}
			if !maybe(i, s) {
				t.Errorf("%s: the pre-check misses %q", p.Kind, s)
			}
		}
	}
	if !slices.IsSortedFunc(Patterns, func(a, b Pattern) int { return strings.Compare(a.Kind, b.Kind) }) {
		t.Error("Patterns are not sorted by kind")
	}
}

func BenchmarkContains(b *testing.B) {
	s := "Nightly export of invoices to the partner's bucket, through the high-throughput gateway."
	for b.Loop() {
		Contains(s)
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"empty":            {"", ""},
		"prose":            {"plain prose, no secret", "plain prose, no secret"},
		"aws, text kept":   {"key " + aws + " in the middle", "key " + Redacted + " in the middle"},
		"two":              {aws + "," + asia, Redacted + "," + Redacted},
		"github":           {"token=" + github, "token=" + Redacted},
		"slack":            {slack, Redacted},
		"stripe":           {"stripe " + stripe + ".", "stripe " + Redacted + "."},
		"pem, to the end":  {"before " + pem + "\nmore key", "before " + Redacted},
		"pem, to its END":  {pem + "\n-----END RSA PRIVATE KEY----- after", Redacted + " after"},
		"pem, public kept": {"-----BEGIN PUBLIC KEY-----", "-----BEGIN PUBLIC KEY-----"},
	}
	for name, tt := range tests {
		got := Redact(tt.in)
		if got != tt.want {
			t.Errorf("%s: Redact(%q) = %q, want %q", name, tt.in, got, tt.want)
		}
		if Contains(got) {
			t.Errorf("%s: Redact(%q) still holds a credential: %q", name, tt.in, got)
		}
	}
}
