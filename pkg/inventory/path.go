package inventory

import (
	"strconv"
	"strings"
)

// Path addresses a node inside a document: string keys and int indexes,
// the same shape as a rule's `path` and the JSON output's `path`.
type Path []any

// plainKey reports whether a key can be written after a dot without quoting.
func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
		default:
			return false
		}
	}
	return true
}

// String renders the path as `spec.endpoints[1].url`; keys that are not plain
// identifiers are quoted (`metadata.labels["a.b"]`), so the form is unambiguous.
func (p Path) String() string {
	var b strings.Builder
	for _, seg := range p {
		writeSegment(&b, seg)
	}
	return b.String()
}

// writeSegment renders one segment of a path after the ones in b.
func writeSegment(b *strings.Builder, seg any) {
	switch s := seg.(type) {
	case string:
		if plainKey(s) {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		} else {
			b.WriteByte('[')
			b.WriteString(strconv.Quote(s))
			b.WriteByte(']')
		}
	case int:
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(s))
		b.WriteByte(']')
	default:
		// Rules may hand back other JSON values (a float index from Rego);
		// they are normalised by NormalizePath before reaching here.
		b.WriteByte('[')
		b.WriteString(strconv.Quote(toString(s)))
		b.WriteByte(']')
	}
}

// Child returns a new path with seg appended; p itself is never modified.
func (p Path) Child(seg any) Path {
	out := make(Path, len(p), len(p)+1)
	copy(out, p)
	return append(out, seg)
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return ""
	}
}
