package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terminal makes a string safe to print on a terminal: control characters
// (C0, DEL, C1 — ANSI escape sequences, carriage returns, backspaces) and
// bidirectional overrides that reorder what is shown become visible escapes,
// so inventory text cannot move the cursor, recolour, or fake a line.
func Terminal(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			if e, ok := shortEscapes[r]; ok {
				b.WriteString(e)
				continue
			}
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var shortEscapes = map[rune]string{'\n': `\n`, '\r': `\r`, '\t': `\t`}

func needsEscape(s string) bool {
	for _, r := range s {
		if unsafeRune(r) {
			return true
		}
	}
	return false
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
		return true // bidirectional controls ("Trojan Source")
	case r == unicode.ReplacementChar:
		return false
	}
	return false
}

// jsonSafe writes encoded JSON with the characters encoding/json leaves raw
// but a terminal acts on (DEL, C1 controls, bidirectional overrides and
// marks, the unsafe runes of Terminal) rewritten as \uXXXX escapes. The JSON
// means the same: outside strings encoded JSON is ASCII, so every such rune
// is inside a string. JSON goes to standard output too, and control
// characters from the inventory must never reach a terminal (SPEC section 6).
type jsonSafe struct{ w io.Writer }

// Write expects whole encoded values, as json.Encoder writes them, so no
// rune is split between two calls. C0 controls are left alone: inside
// strings encoding/json has escaped them, and outside only the newlines of
// indentation remain.
func (j jsonSafe) Write(p []byte) (int, error) {
	unsafe := func(r rune) bool { return r >= 0x20 && unsafeRune(r) }
	if !strings.ContainsFunc(string(p), unsafe) {
		return j.w.Write(p)
	}
	out := make([]byte, 0, len(p)+32)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if unsafe(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	if _, err := j.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
