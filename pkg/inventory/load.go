package inventory

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// The loader's limits (docs/security.md, Limits). They bound the memory and time one file can cost.
// The alias budget holds per document and for the whole file: the nodes
// aliases create in all of a file's documents together count against it.
const (
	DefaultMaxFileSize   = 5 << 20
	DefaultMaxDepth      = 100
	DefaultMaxAliasNodes = 10000
	DefaultMaxAliasRatio = 100
	DefaultMaxDocuments  = 1000
)

// Options tunes loading. The zero value uses the defaults above and reads
// every plain scalar the way YAML resolves it.
type Options struct {
	MaxFileSize   int64
	MaxDepth      int
	MaxAliasNodes int // per file: the nodes aliases create in all its documents
	MaxAliasRatio int
	MaxDocuments  int // non-empty documents per file; the rest are not read

	// WantsString reports whether the schema expects a string at path in a
	// document of the given kind. There, a plain scalar that YAML would read
	// as a number or boolean keeps its source text (`minVersion: 1.10` is
	// "1.10", `id: 0042` is "0042").
	WantsString func(kind string, path Path) bool

	// Redact reports whether a key looks like a credential; a problem about
	// such a key is reported at its mapping without naming it, because
	// messages and paths are printed. Nil names every key.
	Redact func(string) bool

	// PositionDepth, when positive, keeps the positions of nodes at most
	// that many keys deep (Locate answers deeper paths with their nearest
	// kept parent). A pass that only indexes documents (kind, id, metadata)
	// needs no more, and recording every node is a third of parsing.
	PositionDepth int
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxAliasNodes <= 0 {
		o.MaxAliasNodes = DefaultMaxAliasNodes
	}
	if o.MaxAliasRatio <= 0 {
		o.MaxAliasRatio = DefaultMaxAliasRatio
	}
	if o.MaxDocuments <= 0 {
		o.MaxDocuments = DefaultMaxDocuments
	}
	return o
}

// LoadFile reads and parses one file. It never fails: anything wrong with the
// file is a Problem in the result, so a bad file is reported, not skipped.
func LoadFile(path string, opts Options) *File {
	f, _ := LoadFileContext(context.Background(), path, opts)
	return f
}

// LoadFileContext is LoadFile under ctx: parsing stops when ctx is done, and
// then the result is nil and the error is ctx.Err(). That is the only error:
// anything wrong with the file is a Problem in the result.
func LoadFileContext(ctx context.Context, path string, opts Options) (*File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, pf := Read(path, opts)
	if pf != nil {
		return pf, nil
	}
	return ParseBytes(ctx, path, data, sha256.Sum256(data), opts)
}

// Read reads a file as LoadFileContext does, with the same guards (a
// regular file, not through a symbolic link, within MaxFileSize): its
// bytes, or a File holding the problem that stopped it.
func Read(path string, opts Options) ([]byte, *File) {
	data, _, pf := ReadInfo(path, opts)
	return data, pf
}

// ReadInfo is Read, and also returns what fstat said of the file opened,
// before it was read.
func ReadInfo(path string, opts Options) ([]byte, fs.FileInfo, *File) {
	opts = opts.withDefaults()
	data, info, prob := readLimited(path, opts.MaxFileSize)
	if prob != nil {
		return nil, nil, &File{Path: path, Problems: []Problem{*prob}}
	}
	return data, info, nil
}

// ParseBytes parses what Read returned, whose SHA-256 is digest, as
// LoadFileContext does.
func ParseBytes(ctx context.Context, path string, data []byte, digest [32]byte, opts Options) (*File, error) {
	f, err := ParseContext(ctx, path, data, opts.withDefaults())
	if err != nil {
		return nil, err
	}
	f.Digest = digest
	return f, nil
}

func readLimited(path string, limit int64) ([]byte, fs.FileInfo, *Problem) {
	at := Pos{Line: 1, Column: 1}
	// A regular file only, opened without following a symlink or blocking:
	// the walk skips anything else, and a file swapped meanwhile is caught.
	f, info, err := safefile.Open(path)
	if err != nil {
		return nil, nil, &Problem{Pos: at, End: at, Message: "cannot read file: " + safefile.Reason(err)}
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, nil, &Problem{Pos: at, End: at, Message: fmt.Sprintf("file is %s, over the %s size limit", safefile.HumanBytes(info.Size()), safefile.HumanBytes(limit))}
	}
	// Read at most one byte past the limit: the file may grow. The buffer
	// is the size fstat gave plus one, so that a file that did not change
	// takes one read and the read that finds its end, not a read per
	// doubling of a small buffer.
	data, err := readUpTo(f, min(info.Size()+1, limit+1), limit+1)
	if err != nil {
		return nil, nil, &Problem{Pos: at, End: at, Message: "cannot read file: " + safefile.Reason(err)}
	}
	if int64(len(data)) > limit {
		return nil, nil, &Problem{Pos: at, End: at, Message: fmt.Sprintf("file is over the %s size limit", safefile.HumanBytes(limit))}
	}
	return data, info, nil
}

// readUpTo reads r to its end, at most limit bytes, into a buffer of size
// bytes at first (grown if r holds more).
func readUpTo(r io.Reader, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, max(min(size, limit), 512))
	for int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, cap(buf))
		}
		n, err := r.Read(buf[len(buf):min(int64(cap(buf)), limit)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse parses data as the content of the file at path.
func Parse(path string, data []byte, opts Options) *File {
	f, _ := ParseContext(context.Background(), path, data, opts)
	return f
}

// ctxReader fails its reads once ctx is done, which stops the YAML parser
// in the middle of a document: it reads its input a few hundred bytes at a
// time.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// ParseContext is Parse under ctx: it stops when ctx is done, between
// documents, inside the YAML parser and during conversion, and then returns
// ctx.Err() (the only error it returns).
func ParseContext(ctx context.Context, path string, data []byte, opts Options) (*File, error) {
	opts = opts.withDefaults()
	file := &File{Path: path}
	problem := func(pos Pos, format string, args ...any) (*File, error) {
		file.Problems = append(file.Problems, Problem{Pos: pos, End: pos, Message: fmt.Sprintf(format, args...)})
		return file, nil
	}
	// problemAt is a problem about the one character at pos.
	problemAt := func(pos Pos, msg string) (*File, error) {
		file.Problems = append(file.Problems, Problem{Pos: pos, End: Pos{pos.Line, pos.Column + 1}, Message: msg})
		return file, nil
	}
	if int64(len(data)) > opts.MaxFileSize {
		return problem(Pos{1, 1}, "file is over the %s size limit", safefile.HumanBytes(opts.MaxFileSize))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return problemAt(offsetPos(data, i), "not a text file: it contains NUL bytes (binary, or UTF-16 text; inventory files must be UTF-8)")
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return problemAt(offsetPos(data, firstInvalidUTF8(data)), "invalid UTF-8: inventory files must be UTF-8 text")
	}

	src := newSource(data)
	// A problem about a place the parser reports covers the rest of its line.
	lineProblem := func(pos Pos, format string, args ...any) {
		file.Problems = append(file.Problems, Problem{Pos: pos, End: src.lineEnd(pos), Message: fmt.Sprintf(format, args...)})
	}
	dec := yaml.NewDecoder(ctxReader{ctx, bytes.NewReader(data)})
	budget := &fileBudget{}
	documents := 0 // non-empty documents read, including those with a fatal problem
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var node yaml.Node
		err := safeDecode(dec, &node)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return nil, cerr
			}
			pos, msg := syntaxError(err)
			// An error at the end of the input is reported one line past
			// the last (the library's 0-based line plus one, or the line it
			// opens when the file does not end with a newline): point at the
			// last line instead, so the finding is inside the file.
			pos.Line = min(pos.Line, lineCount(data))
			// yaml.v3 may name the line before the tab ("found a tab
			// character that violates indentation").
			if pos.Line < lineCount(data) && strings.Contains(msg, "tab") {
				if _, ok := indentTab(data, pos.Line); !ok {
					if _, ok := indentTab(data, pos.Line+1); ok {
						pos.Line++
					}
				}
			}
			if col, ok := indentTab(data, pos.Line); ok {
				// yaml.v3 says "found character that cannot start any
				// token" (or worse) for a tab in the indentation: say what
				// it is, at the tab.
				pos.Column = col
				lineProblem(pos, "YAML syntax error: a tab in the indentation; YAML indents with spaces only (%s)", msg)
				break
			}
			lineProblem(pos, "YAML syntax error: %s", msg)
			break
		}
		if len(node.Content) == 0 {
			continue
		}
		root := node.Content[0]
		if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
			continue // an empty document, e.g. after a trailing `---`
		}
		if documents == opts.MaxDocuments {
			lineProblem(startOf(root), "file holds more than %d documents; the rest are not read (split it into several files)", opts.MaxDocuments)
			break
		}
		documents++
		doc, fatal, err := convertDocument(ctx, path, len(file.Docs), root, src, opts, budget)
		if err != nil {
			return nil, err
		}
		if fatal != nil {
			file.Problems = append(file.Problems, *fatal)
			if budget.spent {
				break // the file's alias budget is spent: the rest is not read
			}
			continue
		}
		file.Docs = append(file.Docs, doc)
	}
	if len(file.Docs) == 0 && len(file.Problems) == 0 {
		lineProblem(Pos{1, 1}, "file holds no YAML document (it is empty, or only comments or null)")
		return file, nil
	}
	return file, nil
}

// safeDecode guards against a panic inside the YAML library: bad input must
// give a finding, never crash the run.
func safeDecode(dec *yaml.Decoder, node *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the parser failed on this input (%v)", r)
		}
	}()
	return dec.Decode(node)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserErrors are yaml.v3's parser (not scanner) errors. For these the
// library prints the 0-based line of the construct being parsed, so one is
// added to get the line where that construct starts.
var parserErrors = map[string]bool{
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found incompatible YAML document":       true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
}

// syntaxError extracts the line from a yaml.v3 error. The library reports
// lines but not columns, so the column is 1.
func syntaxError(err error) (Pos, string) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserErrors[m[2]] {
			line++
		}
		return Pos{Line: max(line, 1), Column: 1}, m[2]
	}
	return Pos{1, 1}, strings.TrimPrefix(msg, "yaml: ")
}

// indentTab finds a tab in the leading white space of the given line
// (1-based; lines end at LF) and returns its column.
func indentTab(data []byte, line int) (int, bool) {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return 0, false
		}
		data = data[j+1:]
	}
	for col, b := range data {
		if b == '\t' {
			return col + 1, true
		}
		if b != ' ' {
			break
		}
	}
	return 0, false
}

// lineCount is the number of lines in data as the YAML parser counts them:
// CRLF, CR, LF, NEL, LS and PS end a line; a final line break does not open
// a new line.
func lineCount(data []byte) int {
	n := 1
	s := string(data)
	for i, r := range s {
		switch r {
		case '\n', '\u0085', '\u2028', '\u2029':
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // counted at the LF
			}
		default:
			continue
		}
		if i+utf8.RuneLen(r) < len(s) {
			n++
		}
	}
	return n
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// offsetPos turns a byte offset into a line and a code-point column.
func offsetPos(data []byte, off int) Pos {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col := 1
	for i := start; i < off; {
		_, size := utf8.DecodeRune(data[i:off])
		i += size
		col++
	}
	return Pos{Line: line, Column: col}
}

// fileBudget is what a file's documents have spent of the alias budget.
type fileBudget struct {
	aliased int  // nodes created by alias expansion, in all documents so far
	spent   bool // the budget ran out: the rest of the file is not read
}

// checkEvery is how many created nodes pass between two checks of the
// context during conversion.
const checkEvery = 1 << 12

// converter turns one document's node tree into plain values and records
// every node's position. It enforces the depth and alias limits.
type converter struct {
	ctx       context.Context
	opts      Options
	doc       *Document
	src       *source
	kind      string
	aliasDeep int                 // >0 while expanding an alias
	outermost *yaml.Node          // the alias whose expansion is under way
	expanding map[*yaml.Node]bool // alias targets being expanded, to catch cycles
	aliased   int                 // nodes created by alias expansion in this document
	budget    int                 // what the file's alias budget has left for this document
	created   int                 // nodes created in all
	fatal     *Problem
	overFile  bool  // fatal: the file's alias budget ran out (not this document's alone)
	err       error // ctx.Err(), when the context ended the conversion
	// keys[d] is Path.String of the path of depth d recorded last: record
	// renders a child from its parent's (the conversion is depth first).
	keys []string
}

func posOf(n *yaml.Node) Pos { return Pos{Line: n.Line, Column: n.Column} }

// startOf is where a document-level finding points: the first key of a
// mapping, else the node itself.
func startOf(root *yaml.Node) Pos {
	if root.Kind == yaml.MappingNode && len(root.Content) > 0 {
		return posOf(root.Content[0])
	}
	return posOf(root)
}

// convertDocument converts one document, spending from the file's alias
// budget. The error is ctx.Err(), when ctx ended the conversion.
func convertDocument(ctx context.Context, file string, index int, root *yaml.Node, src *source, opts Options, budget *fileBudget) (*Document, *Problem, error) {
	guess := ""
	if root.Kind == yaml.MappingNode {
		guess = scalarAt(root, "kind")
	}
	doc, c := convertAs(ctx, file, index, root, src, opts, guess, budget.aliased)
	if c.err == nil && c.fatal == nil && doc.Kind != guess {
		// The kind decides how scalars are read (WantsString). When it came
		// through an alias or a merge key, the source guess was wrong, and
		// `id: 0042` would have been read as a number: read the document
		// again as the kind it turned out to be.
		doc, c = convertAs(ctx, file, index, root, src, opts, doc.Kind, budget.aliased)
	}
	if c.err != nil {
		return nil, nil, c.err
	}
	budget.aliased += c.aliased
	budget.spent = c.overFile || c.aliased > opts.MaxAliasNodes
	if c.fatal != nil {
		return nil, c.fatal, nil
	}
	return doc, nil, nil
}

// convertAs converts a document whose scalars are read as in a document of
// the given kind; spent is what the file's earlier documents took of the
// alias budget.
func convertAs(ctx context.Context, file string, index int, root *yaml.Node, src *source, opts Options, kind string, spent int) (*Document, *converter) {
	doc := &Document{File: file, Index: index, start: startOf(root), end: src.nodeEnd(root, false).pos, positions: map[string]span{}}
	c := &converter{ctx: ctx, opts: opts, doc: doc, src: src, kind: kind, expanding: map[*yaml.Node]bool{}, budget: opts.MaxAliasNodes - spent, keys: []string{""}}
	doc.Value = c.value(root, nil, 1)
	if c.err != nil || c.fatal != nil {
		return nil, c
	}
	// Per document; the file as a whole then keeps the ratio too, since the
	// sum of the documents' created nodes is at most the ratio times the
	// sum of their source nodes.
	if source := countNodes(root); source > 0 && c.aliased > 0 && c.created > source*opts.MaxAliasRatio {
		c.fatal = &Problem{Pos: doc.start, End: src.lineEnd(doc.start), Message: fmt.Sprintf(
			"document %d: aliases expand %d nodes into %d, a ratio above the limit of %d (alias bomb?)",
			index+1, source, c.created, opts.MaxAliasRatio)}
		return nil, c
	}
	if m, ok := doc.Value.(map[string]any); ok {
		doc.Kind, _ = m["kind"].(string)
		if meta, ok := m["metadata"].(map[string]any); ok {
			doc.ID, _ = meta["id"].(string)
		}
	}
	return doc, c
}

// scalarAt returns the plain value of key in a mapping node, or "".
func scalarAt(m *yaml.Node, key string) string {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i+1].Kind == yaml.ScalarNode {
			return m.Content[i+1].Value
		}
	}
	return ""
}

// countNodes counts the source nodes, not following aliases.
func countNodes(n *yaml.Node) int {
	count := 1
	for _, c := range n.Content {
		count += countNodes(c)
	}
	return count
}

// fail stops the conversion at n. The problem covers the rest of n's line:
// a node the loader refuses (too deep, an alias bomb) may be huge.
func (c *converter) fail(n *yaml.Node, format string, args ...any) {
	if c.fatal == nil {
		c.fatal = &Problem{Pos: posOf(n), End: c.src.lineEnd(posOf(n)), Message: fmt.Sprintf(format, args...)}
	}
}

func (c *converter) problem(n *yaml.Node, path Path, format string, args ...any) {
	c.doc.Problems = append(c.doc.Problems, Problem{Pos: posOf(n), End: c.src.nodeEnd(n, c.aliasDeep > 0).pos, Path: path, Message: fmt.Sprintf(format, args...)})
}

// record keeps the region of the node at path: from first to the end of
// last, which is the node itself for a list item, and the key and its value
// for a mapping entry (an empty value ends the entry at its key or colon).
func (c *converter) record(path Path, first, last *yaml.Node) {
	if c.opts.PositionDepth > 0 && len(path) > c.opts.PositionDepth {
		return
	}
	memo := c.aliasDeep > 0
	r := Region{Start: posOf(first), End: c.src.nodeEnd(last, memo).pos}
	if first != last {
		if end := c.src.nodeEnd(first, memo).pos; end.after(r.End) {
			r.End = end
		}
	}
	// path is the child of the path recorded last at its parent's depth,
	// whose rendering keys holds: one segment to render, not the whole path.
	d := len(path)
	var b strings.Builder
	b.Grow(len(c.keys[d-1]) + 16)
	b.WriteString(c.keys[d-1])
	writeSegment(&b, path[d-1])
	key := b.String()
	if d < len(c.keys) {
		c.keys[d] = key
	} else {
		c.keys = append(c.keys, key)
	}
	c.doc.positions[key] = spanOf(r)
}

func (c *converter) value(n *yaml.Node, path Path, depth int) any {
	if c.fatal != nil || c.err != nil {
		return nil
	}
	c.created++
	if c.created%checkEvery == 0 {
		if err := c.ctx.Err(); err != nil {
			c.err = err
			return nil
		}
	}
	if c.aliasDeep > 0 {
		c.aliased++
		switch {
		case c.aliased > c.opts.MaxAliasNodes:
			c.fail(c.outermost, "aliases create more than %d nodes in one document (alias bomb?); the rest of the file is not read", c.opts.MaxAliasNodes)
			return nil
		case c.aliased > c.budget:
			c.overFile = true
			c.fail(c.outermost, "aliases create more than %d nodes in this file's documents together (alias bomb?); the rest of the file is not read", c.opts.MaxAliasNodes)
			return nil
		}
	}
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		if depth > c.opts.MaxDepth {
			c.fail(n, "nesting deeper than %d levels", c.opts.MaxDepth)
			return nil
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		return c.mapping(n, path, depth)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			child := path.Child(i)
			c.record(child, item, item)
			out = append(out, c.value(item, child, depth+1))
		}
		return out
	case yaml.AliasNode:
		target := n.Alias
		if target == nil {
			c.fail(n, "alias *%s has no anchor", n.Value)
			return nil
		}
		if c.expanding[target] {
			c.fail(n, "alias *%s refers to a node that contains it", n.Value)
			return nil
		}
		c.expanding[target] = true
		if c.aliasDeep == 0 {
			c.outermost = n
		}
		c.aliasDeep++
		v := c.value(target, path, depth)
		c.aliasDeep--
		delete(c.expanding, target)
		return v
	case yaml.ScalarNode:
		return c.scalar(n, path)
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return c.value(n.Content[0], path, depth)
		}
	}
	return nil
}

// smallMapping is how many keys a mapping may have for mapping to look
// for duplicates in a list rather than a map.
const smallMapping = 16

// keyAt is a mapping key and where it stands.
type keyAt struct {
	key string
	at  Pos
}

func (c *converter) mapping(n *yaml.Node, path Path, depth int) any {
	out := make(map[string]any, len(n.Content)/2)
	// Merge keys first, so explicit keys override them wherever they stand.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			c.merge(out, n.Content[i+1], path, depth)
		}
	}
	// The keys seen, for duplicates: a list while the mapping is small (most
	// are), as a scan of a few strings costs less than building a map.
	pairs := len(n.Content) / 2
	var (
		seen map[string]Pos
		few  []keyAt
	)
	if pairs > smallMapping {
		seen = make(map[string]Pos, pairs)
	} else {
		few = make([]keyAt, 0, pairs)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			continue
		}
		key, ok := c.key(k)
		if !ok {
			c.problem(k, path, "mapping keys must be strings, not a %s", nodeKindName(k))
			continue
		}
		child := path.Child(key)
		first, dup := seen[key]
		for _, f := range few {
			if f.key == key {
				first, dup = f.at, true
				break
			}
		}
		if dup {
			if c.opts.Redact != nil && c.opts.Redact(key) {
				c.problem(k, path, "duplicate key that looks like a credential, not shown (first at line %d, column %d)", first.Line, first.Column)
				continue
			}
			c.problem(k, child, "duplicate key %q (first at line %d, column %d)", key, first.Line, first.Column)
			continue
		}
		if seen != nil {
			seen[key] = posOf(k)
		} else {
			few = append(few, keyAt{key, posOf(k)})
		}
		c.record(child, k, v)
		if val := c.value(v, child, depth+1); val != nil {
			out[key] = val
		} else {
			delete(out, key) // null counts as missing, also over a merged value
			if c.doc != nil && len(c.doc.NullKeys) < maxNullKeys {
				c.doc.NullKeys = append(c.doc.NullKeys, child)
			}
		}
	}
	return out
}

// maxNullKeys bounds the null keys a document records: a file of a
// million empty keys costs no more than this many paths.
const maxNullKeys = 1000

// merge copies the entries of the mapping(s) behind a `<<` value into out.
func (c *converter) merge(out map[string]any, v *yaml.Node, path Path, depth int) {
	sources := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		sources = v.Content
	}
	// The first mapping in the list wins a key. Convert the sources last to
	// first so that the winner also records its positions last: a finding
	// about a merged key then points at the value that was kept.
	merged := map[string]any{}
	for i := len(sources) - 1; i >= 0; i-- {
		src := sources[i]
		target := src
		if src.Kind == yaml.AliasNode && src.Alias != nil {
			target = src.Alias
		}
		if target.Kind != yaml.MappingNode {
			c.problem(src, path, "merge key << needs a mapping or a list of mappings, not a %s", nodeKindName(target))
			continue
		}
		if m, ok := c.value(src, path, depth).(map[string]any); ok {
			for k, val := range m {
				merged[k] = val
			}
		}
	}
	for k, val := range merged {
		if _, exists := out[k]; !exists {
			out[k] = val
		}
	}
}

func (c *converter) key(k *yaml.Node) (string, bool) {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		return "", false
	}
	return k.Value, true
}

func nodeKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	default:
		return "scalar"
	}
}

func (c *converter) scalar(n *yaml.Node, path Path) any {
	tag := n.ShortTag()
	switch tag {
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
			c.opts.WantsString != nil && c.opts.WantsString(c.kind, path) {
			return n.Value
		}
	}
	switch tag {
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		var u uint64
		if err := n.Decode(&u); err == nil {
			return json.Number(strconv.FormatUint(u, 10))
		}
	case "!!float":
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	// Strings, timestamps (dates stay `YYYY-MM-DD` text), binary and custom
	// tags, and numbers JSON cannot hold keep their source text.
	return n.Value
}
