package inventory

import (
	"bytes"
	"math"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Region is the stretch of source a finding points at. Start is its first
// character; End is the position just after its last character (the column
// of the character that follows it, as SARIF's endColumn), on the line of
// that last character. A node written as nothing (an empty value) has End
// equal to Start. Columns count Unicode code points, like Pos.
type Region struct {
	Start Pos
	End   Pos
}

// span is a Region as a document keeps it: four int32 take the room of
// one Pos, so that knowing where nodes end costs no retained memory.
// Lines and columns past the int32 range (a file of gigabytes) saturate.
type span [4]int32

func clamp32(n int) int32 { return int32(min(n, math.MaxInt32)) }

func spanOf(r Region) span {
	return span{clamp32(r.Start.Line), clamp32(r.Start.Column), clamp32(r.End.Line), clamp32(r.End.Column)}
}

func (s span) region() Region {
	return Region{Pos{int(s[0]), int(s[1])}, Pos{int(s[2]), int(s[3])}}
}

// after reports whether p comes after q.
func (p Pos) after(q Pos) bool {
	return p.Line > q.Line || (p.Line == q.Line && p.Column > q.Column)
}

// mark is a place in the source: its position and its byte offset.
type mark struct {
	pos Pos
	off int
}

// markEvery is how many code points lie between two remembered byte
// offsets of a line that is not ASCII: a column then costs at most that
// many decoded runes, however long the line.
const markEvery = 64

// source indexes a file's bytes by line so that the end of a node can be
// found in its text: yaml.v3 gives each node a start only. Lines end as
// the YAML parser ends them (LF, CRLF, CR, NEL, LS, PS; see lineCount).
type source struct {
	data  []byte
	start []int // byte offset where each line begins; start[0] is line 1
	end   []int // byte offset where each line's break (or the data) begins
	// wide lists the lines with non-ASCII text; marks holds, for such a
	// line, the byte offset of every markEvery-th code point, built on
	// first use of the line.
	wide  map[int]bool
	marks map[int][]int
	// ends memoises nodeEnd for the nodes an alias reaches: an alias
	// visits them again, as often as it is used.
	ends map[*yaml.Node]mark
}

func newSource(data []byte) *source {
	lines := bytes.Count(data, []byte{'\n'}) + 1
	s := &source{data: data, start: make([]int, 1, lines), end: make([]int, 0, lines)}
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf && data[i] != '\n' && data[i] != '\r' {
			i++
			continue
		}
		n := breakLen(data, i)
		if n == 0 {
			if s.wide == nil {
				s.wide = map[int]bool{}
			}
			s.wide[len(s.start)] = true
			_, size := utf8.DecodeRune(data[i:])
			i += size
			continue
		}
		s.end = append(s.end, i)
		i += n
		s.start = append(s.start, i)
	}
	s.end = append(s.end, len(data))
	return s
}

// breakLen is the length of the line break at data[i], or 0.
func breakLen(data []byte, i int) int {
	switch {
	case data[i] == '\n':
		return 1
	case data[i] == '\r':
		if i+1 < len(data) && data[i+1] == '\n' {
			return 2
		}
		return 1
	case data[i] == 0xC2 && i+1 < len(data) && data[i+1] == 0x85: // NEL
		return 2
	case data[i] == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9): // LS, PS
		return 3
	}
	return 0
}

// line returns the text of a 1-based line without its break, and the
// byte offset it begins at; nothing for a line outside the data.
func (s *source) line(n int) ([]byte, int) {
	if n < 1 || n > len(s.start) {
		return nil, len(s.data)
	}
	return s.data[s.start[n-1]:s.end[n-1]], s.start[n-1]
}

// offset is the byte offset of p, clamped to the end of its line.
func (s *source) offset(p Pos) int {
	text, base := s.line(p.Line)
	if text == nil {
		return len(s.data)
	}
	col := max(p.Column, 1) - 1 // code points before p on its line
	if !s.wide[p.Line] {
		return base + min(col, len(text))
	}
	marks, ok := s.marks[p.Line]
	if !ok {
		if s.marks == nil {
			s.marks = map[int][]int{}
		}
		marks = lineMarks(text)
		s.marks[p.Line] = marks
	}
	i := min(col/markEvery, len(marks)-1)
	off, col := marks[i], col-i*markEvery
	for ; col > 0 && off < len(text); col-- {
		_, size := utf8.DecodeRune(text[off:])
		off += size
	}
	return base + off
}

// lineMarks is the byte offset of every markEvery-th code point of text
// (the first is 0).
func lineMarks(text []byte) []int {
	marks := []int{0}
	for i, n := 0, 0; i < len(text); n++ {
		if n > 0 && n%markEvery == 0 {
			marks = append(marks, i)
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	return marks
}

// at returns the mark of position p. A position past the last line (the
// parser places an empty node there at the end of the input) is taken to
// be the end of the data.
func (s *source) at(p Pos) mark {
	if last := len(s.start); p.Line > last {
		return s.advance(mark{Pos{last, 1}, s.start[last-1]}, len(s.data))
	}
	return mark{p, s.offset(p)}
}

// advance moves m forward to byte offset off, counting lines and code
// points on the way. Its cost is the length of the text passed over.
func (s *source) advance(m mark, off int) mark {
	off = min(off, len(s.data))
	for m.off < off {
		if n := breakLen(s.data, m.off); n > 0 {
			m.off += n
			m.pos = Pos{Line: m.pos.Line + 1, Column: 1}
			continue
		}
		_, size := utf8.DecodeRune(s.data[m.off:])
		m.off += size
		m.pos.Column++
	}
	return m
}

// lineEnd is the end of the text of p's line after p, without trailing
// blanks: where a finding about "this line" ends. It is p itself when
// nothing follows.
func (s *source) lineEnd(p Pos) Pos {
	text, base := s.line(p.Line)
	if text == nil {
		return p
	}
	m := s.at(p)
	end := base + len(bytes.TrimRight(text, " \t"))
	if end <= m.off {
		return p
	}
	return s.advance(m, end).pos
}

// nodeEnd is where the text of n ends: for a collection, where its last
// descendant ends (or its closing bracket); for a scalar or an alias, where
// its own text ends. With memo, the ends found are kept for the next
// visit: the converter asks so while it expands an alias, which may visit
// the same nodes thousands of times. Otherwise each node is visited once,
// and keeping its end would cost more than finding it.
func (s *source) nodeEnd(n *yaml.Node, memo bool) mark {
	if m, ok := s.ends[n]; ok {
		return m
	}
	if memo && s.ends == nil {
		s.ends = map[*yaml.Node]mark{}
	}
	// Block collections end where their last child ends: walk down that
	// chain without recursion (nesting can be deep), then unwind it,
	// closing the flow collections met on the way.
	var chain []*yaml.Node
	last := n
	for {
		if _, ok := s.ends[last]; ok {
			break
		}
		if (last.Kind != yaml.MappingNode && last.Kind != yaml.SequenceNode) || len(last.Content) == 0 {
			break
		}
		chain = append(chain, last)
		last = last.Content[len(last.Content)-1]
	}
	end, ok := s.ends[last]
	if !ok {
		end = s.leafEnd(last)
		if memo {
			s.ends[last] = end
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		if open, ok := s.bracket(c); ok {
			end = s.closeFlow(end, open)
		}
		if memo {
			s.ends[c] = end
		}
	}
	return end
}

// leafEnd is the end of a node that has no children: a scalar, an alias,
// an empty collection.
func (s *source) leafEnd(n *yaml.Node) mark {
	start := s.at(posOf(n))
	props := s.skipProps(start)
	text := start
	if props != start {
		text = s.skipSpace(props)
	}
	switch n.Kind {
	case yaml.AliasNode:
		if text.off < len(s.data) && s.data[text.off] == '*' {
			return s.advance(text, text.off+1+len(n.Value))
		}
		return props
	case yaml.MappingNode, yaml.SequenceNode: // empty: `[]` or `{}`
		if open, ok := s.bracket(n); ok {
			return s.closeFlow(s.advance(text, text.off+1), open)
		}
		return props
	case yaml.ScalarNode:
		switch {
		case n.Style&yaml.SingleQuotedStyle != 0:
			return s.quotedEnd(text, '\'')
		case n.Style&yaml.DoubleQuotedStyle != 0:
			return s.quotedEnd(text, '"')
		case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			return s.blockScalarEnd(text, n.Value)
		case n.Value == "":
			return props // nothing written, or a tag or anchor alone
		default:
			return s.plainEnd(text, n.Value)
		}
	}
	return props
}

// skipProps returns the end of the anchor and tag written at m (`&a !!str`),
// or m when there are none.
func (s *source) skipProps(m mark) mark {
	d := s.data
	end := m
	for m.off < len(d) && (d[m.off] == '&' || d[m.off] == '!') {
		i := m.off
		for i < len(d) && !isBlank(d[i]) && breakLen(d, i) == 0 && !strings.ContainsRune(",[]{}", rune(d[i])) {
			i++
		}
		end = s.advance(m, i)
		m = s.skipSpace(end)
	}
	return end
}

// bracket returns the bracket that opens a flow collection, when n is one
// written with brackets (a single pair in a flow list, `[a: 1]`, has none).
func (s *source) bracket(n *yaml.Node) (byte, bool) {
	if n.Style&yaml.FlowStyle == 0 {
		return 0, false
	}
	start := s.at(posOf(n))
	text := start
	if props := s.skipProps(start); props != start {
		text = s.skipSpace(props)
	}
	if text.off < len(s.data) && (s.data[text.off] == '[' || s.data[text.off] == '{') {
		return s.data[text.off], true
	}
	return 0, false
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// skipSpace passes blanks, line breaks and comments.
func (s *source) skipSpace(m mark) mark {
	d := s.data
	for m.off < len(d) {
		switch {
		case isBlank(d[m.off]):
			m = s.advance(m, m.off+1)
		case breakLen(d, m.off) > 0:
			m = s.advance(m, m.off+breakLen(d, m.off))
		case d[m.off] == '#':
			m = s.advance(m, s.end[m.pos.Line-1])
		default:
			return m
		}
	}
	return m
}

// closeFlow finds the bracket that closes a flow collection whose last
// child ends at m: only blanks, breaks, comments and a comma may come
// between. Anything else means the source is not what was expected, and
// m is kept.
func (s *source) closeFlow(m mark, open byte) mark {
	want := byte(']')
	if open == '{' {
		want = '}'
	}
	for at := m; ; {
		at = s.skipSpace(at)
		switch {
		case at.off >= len(s.data):
			return m
		case s.data[at.off] == ',':
			at = s.advance(at, at.off+1)
		case s.data[at.off] == want:
			return s.advance(at, at.off+1)
		default:
			return m
		}
	}
}

// quotedEnd scans a single- or double-quoted scalar that opens at m to its
// closing quote: ” is a quote inside single quotes, a backslash escapes
// the next character inside double quotes.
func (s *source) quotedEnd(m mark, q byte) mark {
	d := s.data
	if m.off >= len(d) || d[m.off] != q {
		return m
	}
	for i := m.off + 1; i < len(d); i++ {
		switch {
		case q == '"' && d[i] == '\\':
			i++
		case d[i] == q && q == '\'' && i+1 < len(d) && d[i+1] == '\'':
			i++
		case d[i] == q:
			return s.advance(m, i+1)
		}
	}
	return m
}

// plainEnd finds the end of a plain scalar beginning at m whose value is
// value. On one line the source text is the value itself. Over several
// lines YAML folds the text: each line is trimmed, a single break becomes
// a space and k empty lines become k newlines; the lines are matched
// against the value the same way. When they do not match (which a parsed
// document should not allow), the end of the first line is taken.
func (s *source) plainEnd(m mark, value string) mark {
	first, base := s.line(m.pos.Line)
	rest := first[m.off-base:]
	if len(rest) >= len(value) && string(rest[:len(value)]) == value {
		return s.advance(m, m.off+len(value))
	}
	fallback := s.advance(m, base+len(bytes.TrimRight(first, " \t")))
	seg := string(bytes.TrimRight(rest, " \t"))
	if !strings.HasPrefix(value, seg) {
		return fallback
	}
	rem := value[len(seg):]
	blank := 0
	for line := m.pos.Line + 1; line <= len(s.start); line++ {
		text, base := s.line(line)
		trimmed := bytes.TrimLeft(text, " \t")
		t := string(bytes.TrimRight(trimmed, " \t"))
		if t == "" {
			blank++
			continue
		}
		sep := " "
		if blank > 0 {
			sep = strings.Repeat("\n", blank)
		}
		blank = 0
		if !strings.HasPrefix(rem, sep) {
			return fallback
		}
		rem = rem[len(sep):]
		at := base + len(text) - len(trimmed)
		if strings.HasPrefix(t, rem) {
			return s.advance(s.at(Pos{Line: line, Column: 1}), at+len(rem))
		}
		if !strings.HasPrefix(rem, t) {
			return fallback
		}
		rem = rem[len(t):]
	}
	return fallback
}

// blockScalarEnd finds the end of a literal (|) or folded (>) scalar whose
// header begins at m: the end of its last line that is not blank, or of
// the header when the content is empty. The content's indentation is that
// of its first line that is not blank, less the spaces that line keeps in
// the value (there are some when the header gives an indentation); the
// content stops at the first line that is not blank and is indented less.
func (s *source) blockScalarEnd(m mark, value string) mark {
	d := s.data
	i := m.off + 1
	for i < len(d) && (d[i] == '+' || d[i] == '-' || (d[i] >= '0' && d[i] <= '9')) {
		i++
	}
	header := s.advance(m, i)
	if strings.TrimSpace(value) == "" {
		return header
	}
	firstValue := strings.TrimLeft(value, "\n")
	keep := len(firstValue) - len(strings.TrimLeft(firstValue, " "))
	indent, last := -1, 0
	for line := m.pos.Line + 1; line <= len(s.start); line++ {
		text, _ := s.line(line)
		lead := len(text) - len(bytes.TrimLeft(text, " "))
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		if indent < 0 {
			indent = max(lead-keep, 0)
		}
		if lead < indent || (indent == 0 && isDocumentMarker(text)) {
			break
		}
		last = line
	}
	if last == 0 {
		return header
	}
	text, base := s.line(last)
	return s.advance(s.at(Pos{Line: last, Column: 1}), base+len(text))
}

// isDocumentMarker reports whether a line at indentation 0 starts or ends
// a document (`---`, `...`), which ends any scalar.
func isDocumentMarker(text []byte) bool {
	if len(text) < 3 || (string(text[:3]) != "---" && string(text[:3]) != "...") {
		return false
	}
	return len(text) == 3 || isBlank(text[3])
}
