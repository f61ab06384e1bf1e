package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// jsonStream writes indented JSON byte for byte as a json.Encoder with
// SetIndent("", "  ") writing through textsafe.JSONSafe does, but one
// element of a long list at a time, to a buffered writer: a report of
// hundreds of thousands of findings is never held whole in memory, and
// rendering runs at disk speed. The frame around the list (everything but
// its elements) is encoding/json's own output; the elements are written by
// hand, field by field, and tests compare both against encoding/json.
//
// A string is copied as is when encoding/json and JSONSafe would leave it
// alone (printable ASCII without ", \, <, >, & or "##["); otherwise it goes
// through encoding/json and JSONSafe, once per distinct string for the
// strings that repeat (rule ids, files, remediation, controls).
type jsonStream struct {
	w    *bufio.Writer
	buf  []byte            // the element being built
	memo map[string][]byte // encoded strings that repeat
	err  error
}

func newJSONStream(w io.Writer) *jsonStream {
	return &jsonStream{w: bufio.NewWriterSize(w, 64<<10), memo: map[string][]byte{}}
}

// list writes frame, which must hold `"key": []` at depth 1 (indented by
// two spaces) exactly once as its first such list, with n elements written
// by elem (which appends one element at depth 2 to j.buf) in place of the
// empty list.
func (j *jsonStream) list(frame []byte, key string, depth, n int, elem func(i int)) error {
	marker := []byte("\n" + spaces(depth) + strconv.Quote(key) + ": []")
	at := bytes.Index(frame, marker)
	if at < 0 {
		return fmt.Errorf("format: no %q list in the report's frame", key)
	}
	open := at + len(marker) - 1 // the ']'
	j.write(frame[:open])
	for i := range n {
		j.buf = j.buf[:0]
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		j.newline(depth + 1)
		elem(i)
		j.write(j.buf)
	}
	if n > 0 {
		j.write([]byte("\n" + spaces(depth)))
	}
	j.write(frame[open:])
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

func (j *jsonStream) write(p []byte) {
	if j.err == nil {
		_, j.err = j.w.Write(p)
	}
}

// frame is v as encoding/json indents it, through JSONSafe.
func frame(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(textsafe.JSONSafe{W: &b})
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func spaces(depth int) string {
	const s = "                                "
	if 2*depth <= len(s) {
		return s[:2*depth]
	}
	out := ""
	for range depth {
		out += "  "
	}
	return out
}

func (j *jsonStream) newline(depth int) []byte {
	j.buf = append(j.buf, '\n')
	j.buf = append(j.buf, spaces(depth)...)
	return j.buf
}

// key starts a member of an object at depth (the member's own depth).
func (j *jsonStream) key(first bool, depth int, name string) {
	if !first {
		j.buf = append(j.buf, ',')
	}
	j.newline(depth)
	j.buf = append(j.buf, '"')
	j.buf = append(j.buf, name...)
	j.buf = append(j.buf, '"', ':', ' ')
}

func (j *jsonStream) close(depth int, c byte) {
	j.newline(depth)
	j.buf = append(j.buf, c)
}

func (j *jsonStream) int(n int) { j.buf = strconv.AppendInt(j.buf, int64(n), 10) }

func (j *jsonStream) bool(b bool) { j.buf = strconv.AppendBool(j.buf, b) }

// str appends s encoded.
func (j *jsonStream) str(s string) {
	if plainJSON(s) {
		j.buf = append(j.buf, '"')
		j.buf = append(j.buf, s...)
		j.buf = append(j.buf, '"')
		return
	}
	j.buf = append(j.buf, encodeJSON(s)...)
}

// mstr appends s encoded, encoding each distinct s once: for strings that
// repeat from finding to finding.
func (j *jsonStream) mstr(s string) {
	if plainJSON(s) {
		j.str(s)
		return
	}
	enc, ok := j.memo[s]
	if !ok {
		enc = encodeJSON(s)
		j.memo[s] = enc
	}
	j.buf = append(j.buf, enc...)
}

// strs appends a list of strings at depth: null for nil, [] when empty.
func (j *jsonStream) strs(list []string, depth int) {
	switch {
	case list == nil:
		j.buf = append(j.buf, "null"...)
		return
	case len(list) == 0:
		j.buf = append(j.buf, '[', ']')
		return
	}
	j.buf = append(j.buf, '[')
	for i, s := range list {
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		j.newline(depth + 1)
		j.mstr(s)
	}
	j.close(depth, ']')
}

// path appends an inventory path at depth: its segments are strings and
// integers; anything else goes through encoding/json.
func (j *jsonStream) path(p inventory.Path, depth int) {
	if p == nil {
		j.buf = append(j.buf, "null"...)
		return
	}
	if len(p) == 0 {
		j.buf = append(j.buf, '[', ']')
		return
	}
	for _, seg := range p {
		switch seg.(type) {
		case string, int:
		default:
			j.value(p, depth)
			return
		}
	}
	j.buf = append(j.buf, '[')
	for i, seg := range p {
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		j.newline(depth + 1)
		switch seg := seg.(type) {
		case string:
			j.str(seg)
		case int:
			j.int(seg)
		}
	}
	j.close(depth, ']')
}

// value appends v as encoding/json indents it at depth, through JSONSafe.
func (j *jsonStream) value(v any, depth int) {
	data, err := json.MarshalIndent(v, spaces(depth), "  ")
	if err != nil {
		if j.err == nil {
			j.err = err
		}
		return
	}
	j.buf = appendSafe(j.buf, data)
}

// plainJSON reports whether encoding/json and JSONSafe leave s as it is
// between its quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
		if c == '#' && i+2 < len(s) && s[i+1] == '#' && s[i+2] == '[' {
			return false
		}
	}
	return true
}

func encodeJSON(s string) []byte {
	data, _ := json.Marshal(s) // a string always encodes
	return appendSafe(nil, data)
}

// appendSafe appends encoded JSON as textsafe.JSONSafe writes it.
func appendSafe(dst, data []byte) []byte {
	w := appender{&dst}
	_, _ = textsafe.JSONSafe{W: w}.Write(data)
	return dst
}

type appender struct{ b *[]byte }

func (a appender) Write(p []byte) (int, error) { *a.b = append(*a.b, p...); return len(p), nil }
