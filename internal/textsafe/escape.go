package textsafe

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ifacelint/ifacelint/internal/credential"
)

// Plain returns s with every credential redacted.
func Plain(s string) string { return credential.Redact(s) }

// Terminal makes a string safe to print on one line of a terminal or a CI
// log: credentials are redacted (Plain), and control characters (C0 — line
// breaks included —, DEL, C1 — ANSI escape sequences, carriage returns,
// backspaces), bidirectional overrides that reorder what is shown, and bytes
// that are not UTF-8 (a raw 0x9b is an 8-bit CSI) become visible escapes, so
// inventory text cannot move the cursor, recolour, fake a line, or start a
// CI workflow command.
func Terminal(s string) string { return Printable(Plain(s)) }

// Printable escapes like Terminal but redacts nothing.
func Printable(s string) string {
	return noWorkflowCommand(escapeControls(s))
}

// noWorkflowCommand keeps printable text from being read as a GitHub Actions
// workflow command by the runner that reads the log: a line whose text,
// after the white space the runner trims (runnerBlank), starts with "::"
// (the first colon becomes \x3a), and the legacy "##[" prefix, which is
// matched anywhere in a line (its bracket becomes \x5b). Text is escaped one
// value at a time, so a value that starts a line (a file name heading the
// text format, a CSV row's first cell, a line of `explain`) is covered too;
// CommandGuard checks every line that reaches standard output or standard
// error, whoever wrote it.
func noWorkflowCommand(s string) string {
	if t := strings.TrimLeftFunc(s, runnerBlank); strings.HasPrefix(t, "::") {
		s = s[:len(s)-len(t)] + `\x3a` + t[1:]
	}
	if strings.Contains(s, "##[") {
		s = strings.ReplaceAll(s, "##[", `##\x5b`)
	}
	return s
}

// runnerBlank reports whether a GitHub Actions runner may trim r from the
// start of a line before it looks for a workflow command. The runner trims
// with .NET's String.TrimStart, every character Char.IsWhiteSpace holds:
// U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
// U+2029, U+202F, U+205F and U+3000, the set unicode.IsSpace holds. Older
// runtimes trimmed U+180E, U+200B and U+FEFF too, and some definitions of
// white space count U+001C–U+001F: they are blanks here as well, since
// escaping one line too many costs nothing.
func runnerBlank(r rune) bool {
	switch {
	case unicode.IsSpace(r):
		return true
	case r >= 0x1c && r <= 0x1f, r == 0x180e, r == 0x200b, r == 0xfeff:
		return true
	}
	return false
}

func escapeControls(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			if e, ok := shortEscapes[r]; ok {
				b.WriteString(e)
			} else if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

var shortEscapes = map[rune]string{'\n': `\n`, '\r': `\r`, '\t': `\t`}

func needsEscape(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
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
	case r == 0x2028, r == 0x2029:
		return true // line and paragraph separators: a line break to some viewers
	}
	return false
}

// JSONSafe writes encoded JSON with the characters encoding/json leaves raw
// but a terminal acts on (DEL, C1 controls, bidirectional overrides and
// marks, the unsafe runes of Terminal) rewritten as \uXXXX escapes. The JSON
// means the same: outside strings encoded JSON is ASCII, so every such rune
// is inside a string. JSON goes to standard output too, and control
// characters from the inventory must never reach a terminal (docs/security.md).
type JSONSafe struct{ W io.Writer }

// legacyCommand is the prefix of a legacy workflow command, "##[", which a
// GitHub Actions runner matches anywhere in a line of the log.
var legacyCommand = []byte("##[")

// Write expects whole encoded values, as json.Encoder writes them, so no
// rune is split between two calls. C0 controls are left alone: inside
// strings encoding/json has escaped them, and outside only the newlines of
// indentation remain.
func (j JSONSafe) Write(p []byte) (int, error) {
	unsafe := func(r rune) bool { return r >= 0x20 && unsafeRune(r) }
	if !strings.ContainsFunc(string(p), unsafe) && !bytes.Contains(p, legacyCommand) {
		return j.W.Write(p)
	}
	p2 := bytes.ReplaceAll(p, legacyCommand, []byte(`##\u005b`)) // the same JSON string, no workflow command
	if !strings.ContainsFunc(string(p2), unsafe) {
		if _, err := j.W.Write(p2); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	out := make([]byte, 0, len(p2)+32)
	for i := 0; i < len(p2); {
		r, size := utf8.DecodeRune(p2[i:])
		if unsafe(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, p2[i:i+size]...)
		}
		i += size
	}
	if _, err := j.W.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
