package format

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/ifacelint/ifacelint/internal/finding"
)

// artifact is where a finding's file lies, in the forms the CI formats need.
// Findings name files as the user gave them (relative to the working
// directory, or absolute); code scanning, annotations and Code Quality want
// them relative to the repository root.
type artifact struct {
	// Rel is the slash-separated path relative to the repository root, or
	// empty when the file lies outside it.
	Rel string
	// Abs is the absolute slash-separated path, or empty when there is no
	// directory to resolve a relative file against.
	Abs string
}

// path is the best path a CI system can match: root-relative when the file
// is inside the root, else absolute.
func (a artifact) path() string {
	if a.Rel != "" {
		return a.Rel
	}
	return a.Abs
}

// root is the directory artifact paths are relative to: Root, else WorkDir.
func (r *Report) root() string {
	if r.Root != "" {
		return r.Root
	}
	return r.WorkDir
}

// locate resolves a finding's file against the working directory and the
// repository root.
func (r *Report) locate(file string) artifact {
	abs := file
	if !filepath.IsAbs(file) {
		wd := r.WorkDir
		if wd == "" {
			wd = r.Root
		}
		if wd == "" {
			// Nothing to resolve against (a library caller that set neither):
			// the file is taken to be relative to the root already.
			return artifact{Rel: path.Clean(filepath.ToSlash(file))}
		}
		abs = filepath.Join(wd, file)
	}
	abs = filepath.Clean(abs)
	if root := r.root(); root != "" {
		rel, err := filepath.Rel(filepath.Clean(root), abs)
		if err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return artifact{Rel: filepath.ToSlash(rel), Abs: filepath.ToSlash(abs)}
		}
	}
	return artifact{Abs: filepath.ToSlash(abs)}
}

// end is where a finding's region ends, and whether it ends anywhere
// but at its start: a finding built without an end (by a library caller),
// or about an empty node or an unreadable file, has none.
func end(f *finding.Finding) (line, col int, ok bool) {
	line, col = max(f.Line, 1), max(f.Column, 1)
	if f.EndLine < line || (f.EndLine == line && f.EndColumn <= col) {
		return line, col, false
	}
	return f.EndLine, max(f.EndColumn, 1), true
}

// relativeURI renders a root-relative slash path as a relative URI
// reference. A colon is encoded too, so a first segment such as `a:b.yaml`
// cannot be read as a URI scheme (RFC 3986 section 4.2).
func relativeURI(rel string) string { return encodePath(rel, false) }

// fileURI renders an absolute slash path (`/srv/x`, `C:/x`, `//host/share/x`)
// as a file URI (RFC 8089).
func fileURI(abs string) string {
	switch {
	case strings.HasPrefix(abs, "//"): // UNC: the host is the authority
		return "file:" + encodePath(abs, true)
	case strings.HasPrefix(abs, "/"):
		return "file://" + encodePath(abs, true)
	default: // a Windows drive path
		return "file:///" + encodePath(abs, true)
	}
}

// dirURI is fileURI for a directory: it ends in a slash, as SARIF requires
// of a base URI that relative URIs are resolved against.
func dirURI(abs string) string {
	u := fileURI(filepath.ToSlash(filepath.Clean(abs)))
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// encodePath percent-encodes every byte RFC 3986 does not allow in a path:
// what is kept is unreserved characters, sub-delims, `@`, `/` and (when
// colon is true) `:`. Spaces, `%`, `#`, `?`, `[`, `]`, backslashes, control
// characters and every byte of a non-ASCII character are encoded.
func encodePath(p string, colon bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0, c == ':' && colon:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
	}
	return b.String()
}
