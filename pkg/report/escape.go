package report

import (
	"fmt"
	"strings"
	"unicode"
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
