// Package credential recognises the credentials secrets/no-inline reports
// (docs/rules.md, secrets/no-inline): the one definition of the patterns, used by the rule
// (through the ifacelint.inline_credentials built-in) and by every message
// that must not echo a secret.
package credential

import (
	"regexp"
	"strings"
)

// A Pattern is one kind of credential.
type Pattern struct {
	Kind string // shown in findings: "AWS access key ID"
	RE   *regexp.Regexp
}

// Patterns are the credentials the inventory must never hold, sorted by
// kind.
var Patterns = []Pattern{
	{"AWS access key ID", regexp.MustCompile(`(AKIA|ASIA)[0-9A-Z]{16}`)},
	{"GitHub token", regexp.MustCompile(`gh[pousr]_[A-Za-z0-9]{36,}`)},
	{"PEM private key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
	{"Slack token", regexp.MustCompile(`xox[abprs]-[A-Za-z0-9-]{10,}`)},
	{"Stripe live secret key", regexp.MustCompile(`sk_live_[A-Za-z0-9]{24,}`)},
}

// maybe reports whether s may match pattern i: each pattern's match starts
// with a fixed prefix, and most strings of an inventory hold none of them.
// strings.Index is far cheaper than running the regular expressions.
func maybe(i int, s string) bool {
	switch i {
	case 0:
		return strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA")
	case 1:
		return prefixThen(s, "gh", "pousr", '_')
	case 2:
		return strings.Contains(s, "-----BEGIN ")
	case 3:
		return prefixThen(s, "xox", "abprs", '-')
	default:
		return strings.Contains(s, "sk_live_")
	}
}

// prefixThen reports whether s holds prefix followed by one byte of set
// and then sep.
func prefixThen(s, prefix, set string, sep byte) bool {
	for {
		i := strings.Index(s, prefix)
		if i < 0 {
			return false
		}
		s = s[i+len(prefix):]
		if len(s) >= 2 && strings.IndexByte(set, s[0]) >= 0 && s[1] == sep {
			return true
		}
	}
}

// minLen is the length of the shortest match: a Slack token, xoxb- and
// ten characters.
const minLen = 15

// Contains reports whether s contains a credential.
func Contains(s string) bool {
	if len(s) < minLen {
		return false
	}
	for i, p := range Patterns {
		if maybe(i, s) && p.RE.MatchString(s) {
			return true
		}
	}
	return false
}

// Kinds returns the kinds of credential s contains, sorted; nil for none.
func Kinds(s string) []string {
	if len(s) < minLen {
		return nil
	}
	var out []string
	for i, p := range Patterns {
		if maybe(i, s) && p.RE.MatchString(s) {
			out = append(out, p.Kind)
		}
	}
	return out // Patterns are sorted by kind
}

// Redacted stands in for a credential in every output.
const Redacted = "[redacted credential]"

// pemEnd ends a PEM private key block.
var pemEnd = regexp.MustCompile(`-----END [A-Z ]*PRIVATE KEY-----`)

// Redact replaces every credential in s with Redacted: the one redaction of
// every output (findings, reports, diagrams, error messages and notices),
// so a value the inventory should never have held is not copied into
// places with a wider audience. The text around a credential is kept. A PEM
// private key is redacted from its header to its END line, or to the end
// of s when there is none: the key material follows the header.
func Redact(s string) string {
	if !Contains(s) {
		return s
	}
	for i, p := range Patterns {
		if !maybe(i, s) {
			continue
		}
		if p.Kind != "PEM private key" {
			s = p.RE.ReplaceAllLiteralString(s, Redacted)
			continue
		}
		var b strings.Builder
		for {
			loc := p.RE.FindStringIndex(s)
			if loc == nil {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:loc[0]])
			b.WriteString(Redacted)
			s = s[loc[1]:]
			end := pemEnd.FindStringIndex(s)
			if end == nil {
				s = ""
				continue
			}
			s = s[end[1]:]
		}
		s = b.String()
	}
	return s
}
