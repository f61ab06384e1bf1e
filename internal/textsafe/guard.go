package textsafe

import (
	"bytes"
	"io"
	"sync"
	"unicode/utf8"
)

// CommandGuard is the last step of the output-safety layer: the writer the
// command line puts in front of standard output and standard error, so that
// no line of either is read as a workflow command by a GitHub Actions
// runner, whichever code path wrote it (a line begun by several values, a
// policy's print() output, an error message, a notice).
//
// The runner reads a step's log a line at a time (a line ends at \n or \r),
// trims the white space at its start (runnerBlank) and takes a line that
// then starts with "::" as a command; it takes the legacy "##[" anywhere in
// a line. The guard shows the first colon of such a line as \x3a and the
// bracket of "##[" as \x5b, as Printable does for one value; text that
// Printable or a medium escaper already made safe passes unchanged.
//
// Only the github format writes workflow commands: while it writes (see
// GitHub.Write), a line whose first column is "::" passes. A line with
// blanks before its "::" never does.
//
// A CommandGuard is safe for concurrent use. It holds back at most a few
// bytes it cannot decide on yet (the end of a leading blank, a lone colon,
// a trailing "#"); Flush writes them.
type CommandGuard struct {
	mu        sync.Mutex
	w         io.Writer
	lineStart bool   // nothing but blanks written on this line yet
	blanks    bool   // and at least one blank
	held      []byte // undecided bytes, written by the next Write or Flush
	commands  bool   // the github format is writing its own commands
}

// NewCommandGuard returns a guard that writes to w.
func NewCommandGuard(w io.Writer) *CommandGuard {
	return &CommandGuard{w: w, lineStart: true}
}

// Unwrap returns the writer the guard writes to (a terminal check looks at
// the file behind it).
func (g *CommandGuard) Unwrap() io.Writer { return g.w }

// Write implements io.Writer.
func (g *CommandGuard) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	data := p
	if len(g.held) > 0 {
		data = append(g.held, p...)
		g.held = nil
	}
	out, held := g.scan(data)
	if len(held) > 0 {
		g.held = append([]byte(nil), held...)
	}
	if len(out) > 0 {
		if _, err := g.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes the bytes held back: the output ended before they could
// start a command.
func (g *CommandGuard) Flush() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.held) == 0 {
		return nil
	}
	held := g.held
	g.held = nil
	_, err := g.w.Write(held)
	return err
}

// AllowCommands lets lines that start with "::" in their first column
// through until the returned function is called.
func (g *CommandGuard) AllowCommands() (restore func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.commands = true
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.commands = false
	}
}

// scan returns what of data can be written now, escaped, and the tail it
// cannot decide on yet.
func (g *CommandGuard) scan(data []byte) (out, held []byte) {
	out = make([]byte, 0, len(data)+8)
	for i := 0; i < len(data); {
		if g.lineStart {
			c := data[i]
			if c == '\n' || c == '\r' {
				out = append(out, c)
				g.blanks = false
				i++
				continue
			}
			if !utf8.FullRune(data[i:]) {
				return out, data[i:]
			}
			r, size := utf8.DecodeRune(data[i:])
			if runnerBlank(r) {
				out = append(out, data[i:i+size]...)
				g.blanks = true
				i += size
				continue
			}
			if c == ':' {
				if i+1 == len(data) {
					return out, data[i:] // is the next byte a colon?
				}
				if data[i+1] == ':' && (g.blanks || !g.commands) {
					out = append(out, `\x3a`...)
					i++
				}
			}
			g.lineStart = false
			continue
		}
		j := bytes.IndexAny(data[i:], "\n\r#")
		if j < 0 {
			out = append(out, data[i:]...)
			break
		}
		out = append(out, data[i:i+j]...)
		i += j
		switch rest := data[i:]; {
		case rest[0] != '#':
			out = append(out, rest[0])
			g.lineStart, g.blanks = true, false
			i++
		case bytes.HasPrefix(rest, legacyCommand):
			out = append(out, `##\x5b`...)
			i += len(legacyCommand)
		case len(rest) < len(legacyCommand) && bytes.HasPrefix(legacyCommand, rest):
			return out, rest // "#" or "##" at the end: is "[" next?
		default:
			out = append(out, '#')
			i++
		}
	}
	return out, nil
}
