package inventory

// Pos is a 1-based line and column; columns count Unicode code points.
type Pos struct {
	Line   int
	Column int
}

// Problem is something wrong with the input that the loader itself found:
// bad YAML, a hostile construct, a duplicate key. Path is empty for
// file-level problems.
type Problem struct {
	Pos Pos
	// End is where the problem's region ends (see Region): the end of the
	// node it is about, of the line for a syntax error, or Pos itself
	// when there is nothing to point at (an unreadable file).
	End     Pos
	Path    Path
	Message string
}

// Document is one YAML document of an inventory file.
type Document struct {
	File  string // the file's path as walked (relative to the working directory or as given)
	Index int    // position among the file's non-empty documents, from 0

	// Kind and ID are read from the source even when the document is
	// schema-invalid, so cross-document rules can still count it. Empty when
	// absent or not a plain string.
	Kind string
	ID   string

	// Value is the document as policies see it: maps, lists, strings, bools,
	// json.Number and nil (inside lists only: null map values are dropped,
	// because null counts as missing). A top level that is not a mapping is
	// kept as it is, for the schema to reject.
	Value any

	// NullKeys are the paths of the mapping keys whose value is null (or
	// empty), which Value leaves out: the schema still checks their names,
	// so a misspelt key with no value is not silently ignored.
	NullKeys []Path

	// Problems are the loader's findings inside this document (duplicate
	// keys, complex keys); the document is schema-invalid when there are any.
	Problems []Problem

	start     Pos
	end       Pos // the end of the document's last node
	positions map[string]span
}

// Object returns the document's top level as a map, or nil when it is not one.
func (d *Document) Object() map[string]any {
	m, _ := d.Value.(map[string]any)
	return m
}

// Start is where a document-level finding points: the first key.
func (d *Document) Start() Pos { return d.start }

// Region is what a document-level finding covers: from the first key to
// the end of the document's last node.
func (d *Document) Region() Region { return Region{Start: d.start, End: d.end} }

// Locate returns the position of the node at path, or of its nearest existing
// parent when the node is missing, and the path actually found.
func (d *Document) Locate(path Path) (Pos, Path) {
	r, found := d.LocateRegion(path)
	return r.Start, found
}

// LocateRegion is Locate with the region the node covers: a list item
// itself, a mapping entry from its key to the end of its value; the whole
// document when no node of path exists.
func (d *Document) LocateRegion(path Path) (Region, Path) {
	for n := len(path); n > 0; n-- {
		if s, ok := d.positions[path[:n].String()]; ok {
			return s.region(), path[:n]
		}
	}
	return d.Region(), nil
}

// Has reports whether the exact node at path exists in the source.
func (d *Document) Has(path Path) bool {
	_, ok := d.positions[path.String()]
	return ok
}

// File is the result of loading one inventory file.
type File struct {
	Path string
	Docs []*Document
	// Problems are file-level: unreadable, too large, binary, invalid UTF-8,
	// a YAML syntax error, an alias bomb, too deep, or no document at all.
	Problems []Problem
	// Digest is the SHA-256 of the bytes LoadFile read (zero when it could
	// not read them): a run that reads a file twice checks it did not change.
	Digest [32]byte
}
