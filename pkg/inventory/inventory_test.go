package inventory

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWalk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, n := range []string{"b.yaml", "a/z.yml", "a/b.yaml", "a-b.yaml", "notes.txt", "archive/old.yaml", ".git/x.yaml", "C.YAML"} {
		write(t, dir, n, "x: 1\n")
	}
	if err := os.Symlink(filepath.Join(dir, "b.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	var notices []string
	got, err := Walk([]string{dir, filepath.Join(dir, "b.yaml")}, WalkOptions{
		Exclude: []string{"archive"},
		Base:    dir,
		Notice:  func(s string) { notices = append(notices, s) },
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	want := []string{"C.YAML", "a-b.yaml", "a/b.yaml", "a/z.yml", "b.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Walk = %q, want %q (sorted bytewise, deduplicated, excluded, .git skipped)", got, want)
	}
	if len(notices) != 2 || !strings.Contains(notices[0], "link.yaml: skipping symlink") || !strings.Contains(notices[1], "linkdir: skipping symlink") {
		t.Errorf("notices = %q, want one per symlink", notices)
	}
}

func TestWalkMissingRoot(t *testing.T) {
	t.Parallel()
	_, err := Walk([]string{filepath.Join(t.TempDir(), "nope")}, WalkOptions{})
	if err == nil || !strings.Contains(err.Error(), "no such file or directory") {
		t.Fatalf("err = %v, want a missing-root error", err)
	}
}

func TestWalkSymlinkRoot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := write(t, dir, "real.yaml", "x: 1\n")
	link := filepath.Join(dir, "root.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	var notices []string
	got, err := Walk([]string{link}, WalkOptions{Notice: func(s string) { notices = append(notices, s) }})
	if err != nil || len(got) != 0 || len(notices) != 1 {
		t.Fatalf("Walk(symlink) = %q, %v, notices %q; want skipped with a notice", got, err, notices)
	}
}

func TestWalkSpecialFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "ok.yaml", "x: 1\n")
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	// Met while walking: skipped with a notice.
	var notices []string
	got, err := Walk([]string{dir}, WalkOptions{Notice: func(s string) { notices = append(notices, s) }})
	if err != nil || len(got) != 1 || len(notices) != 1 || !strings.Contains(notices[0], "pipe.yaml: skipping a named pipe (FIFO)") {
		t.Fatalf("Walk = %q, %v, notices %q; want the FIFO skipped with a notice", got, err, notices)
	}
	// Named as a root: refused.
	for _, root := range []string{fifo, "/dev/zero"} {
		if _, err := Walk([]string{root}, WalkOptions{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Walk(%s) = %v, want refused", root, err)
		}
	}
}

const sample = `apiVersion: ifacelint/v1
kind: Interface
metadata:
  id: admin-console
  name: "Admin console — ünïcode"
  lastReviewed: 2026-09-14
  waivers:
    - rule: a/b
      expires: "2027-03-31"
spec:
  type: portal
  endpoints:
    - url: https://a.example.com
    - {url: http://b.example.com, x-note: ~}
  authentication: {methods: [sso]}
  encryption:
    inTransit: {minVersion: 1.10, tls: true}
`

func wantsString(kind string, p Path) bool {
	s := p.String()
	return s == "spec.encryption.inTransit.minVersion" || s == "metadata.id"
}

func TestParsePositions(t *testing.T) {
	t.Parallel()
	f := Parse("s.yaml", []byte(sample), Options{WantsString: wantsString})
	if len(f.Problems) != 0 || len(f.Docs) != 1 {
		t.Fatalf("problems %v, docs %d", f.Problems, len(f.Docs))
	}
	d := f.Docs[0]
	tests := map[string]struct {
		path      Path
		line, col int
		found     string
	}{
		"root is the first key":        {nil, 1, 1, ""},
		"mapping entry at its key":     {Path{"metadata", "id"}, 4, 3, "metadata.id"},
		"sequence item at the item":    {Path{"spec", "endpoints", 1}, 14, 7, "spec.endpoints[1]"},
		"flow mapping key":             {Path{"spec", "endpoints", 1, "url"}, 14, 8, "spec.endpoints[1].url"},
		"code-point columns":           {Path{"spec", "authentication", "methods", 0}, 15, 30, "spec.authentication.methods[0]"},
		"missing leaf → parent":        {Path{"spec", "authentication", "mfa"}, 15, 3, "spec.authentication"},
		"missing subtree → ancestor":   {Path{"spec", "logging", "enabled"}, 10, 1, "spec"},
		"index out of range → list":    {Path{"spec", "endpoints", 7, "url"}, 12, 3, "spec.endpoints"},
		"null value keeps its key pos": {Path{"spec", "endpoints", 1, "x-note"}, 14, 35, `spec.endpoints[1].x-note`},
		"waiver inside list":           {Path{"metadata", "waivers", 0, "expires"}, 9, 7, "metadata.waivers[0].expires"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pos, found := d.Locate(tc.path)
			if pos.Line != tc.line || pos.Column != tc.col || found.String() != tc.found {
				t.Errorf("Locate(%s) = %d:%d at %q, want %d:%d at %q", tc.path, pos.Line, pos.Column, found, tc.line, tc.col, tc.found)
			}
		})
	}
}

func TestParseValues(t *testing.T) {
	t.Parallel()
	f := Parse("s.yaml", []byte(sample), Options{WantsString: wantsString})
	d := f.Docs[0]
	if d.Kind != "Interface" || d.ID != "admin-console" {
		t.Errorf("kind/id = %q/%q", d.Kind, d.ID)
	}
	got, _ := json.Marshal(d.Value)
	for _, want := range []string{
		`"lastReviewed":"2026-09-14"`, // unquoted date stays YYYY-MM-DD text
		`"expires":"2027-03-31"`,      // quoted date too
		`"minVersion":"1.10"`,         // plain number kept as text where a string is expected
		`"tls":true`,
		`{"url":"http://b.example.com"}`, // null counts as missing
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("value %s\nlacks %s", got, want)
		}
	}
}

func TestParseScalars(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src  string
		want string
	}{
		"id keeps leading zeros":       {"metadata: {id: 0042}", `{"metadata":{"id":"0042"}}`},
		"numbers elsewhere are YAML's": {"x-n: 0042\nx-f: 1.50", `{"x-f":1.5,"x-n":34}`},
		"hex int":                      {"x-h: 0x1F", `{"x-h":31}`},
		"infinity is kept as text":     {"x-i: .inf", `{"x-i":".inf"}`},
		"yaml 1.1 booleans are text":   {"x-b: yes\nx-c: on", `{"x-b":"yes","x-c":"on"}`},
		"booleans":                     {"x-b: true\nx-c: False", `{"x-b":true,"x-c":false}`},
		"empty value is missing":       {"x-a:\nx-b: ''", `{"x-b":""}`},
		"null in a list is kept":       {"x-l: [~, 1]", `{"x-l":[null,1]}`},
		"merge keys":                   {"x-base: &b {a: 1, b: 2}\nx-m: {<<: *b, b: 3}", `{"x-base":{"a":1,"b":2},"x-m":{"a":1,"b":3}}`},
		"merge list":                   {"x-p: &p {a: 1}\nx-q: &q {b: 2}\nx-m: {<<: [*p, *q]}", `{"x-m":{"a":1,"b":2},"x-p":{"a":1},"x-q":{"b":2}}`},
		"explicit null beats a merge":  {"x-p: &p {a: 1}\nx-m: {<<: *p, a: ~}", `{"x-m":{},"x-p":{"a":1}}`},
		"aliases are expanded":         {"x-a: &a [1, 2]\nx-b: *a", `{"x-a":[1,2],"x-b":[1,2]}`},
		"non-string keys become text":  {"x-m: {1: a, true: b}", `{"x-m":{"1":"a","true":"b"}}`},
		"quoted number is a string":    {`x-q: "12"`, `{"x-q":"12"}`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := Parse("t.yaml", []byte(tc.src), Options{WantsString: wantsString})
			if len(f.Problems) > 0 || len(f.Docs) != 1 {
				t.Fatalf("problems %v, docs %d", f.Problems, len(f.Docs))
			}
			got, _ := json.Marshal(f.Docs[0].Value)
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestMultiDocument(t *testing.T) {
	t.Parallel()
	src := "a: 1\n---\n---\n# only a comment\n---\nb: 2\n---\n"
	f := Parse("m.yaml", []byte(src), Options{})
	if len(f.Problems) != 0 || len(f.Docs) != 2 {
		t.Fatalf("problems %v, docs %d; want 2 docs (empty ones ignored)", f.Problems, len(f.Docs))
	}
	if f.Docs[1].Index != 1 || f.Docs[1].Start() != (Pos{6, 1}) {
		t.Errorf("second doc index %d start %v", f.Docs[1].Index, f.Docs[1].Start())
	}
}

// Document-level problems: the document is loaded, the problem is at the node.
func TestDocumentProblems(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src       string
		line, col int
		msg       string
	}{
		"duplicate key at the second key": {"a: 1\nb: 2\na: 3\n", 3, 1, `duplicate key "a" (first at line 1, column 1)`},
		"nested duplicate":                {"m:\n  k: 1\n  k: 2\n", 3, 3, `duplicate key "k"`},
		// Past smallMapping keys, duplicates are looked up in a map.
		"duplicate in a large mapping":        {manyKeys(smallMapping+4) + "k3: again\n", smallMapping + 5, 1, `duplicate key "k3" (first at line 4, column 1)`},
		"duplicate in a mapping at the limit": {manyKeys(smallMapping-1) + "k0: again\n", smallMapping, 1, `duplicate key "k0" (first at line 1, column 1)`},
		"complex key":                         {"? [a, b]\n: c\n", 1, 3, "mapping keys must be strings, not a list"},
		"bad merge":                           {"m: {<<: 3}\n", 1, 9, "merge key << needs a mapping"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := Parse("p.yaml", []byte(tc.src), Options{})
			if len(f.Docs) != 1 || len(f.Docs[0].Problems) != 1 {
				t.Fatalf("docs %d, file problems %v", len(f.Docs), f.Problems)
			}
			p := f.Docs[0].Problems[0]
			if p.Pos.Line != tc.line || p.Pos.Column != tc.col || !strings.Contains(p.Message, tc.msg) {
				t.Errorf("problem %d:%d %q, want %d:%d containing %q", p.Pos.Line, p.Pos.Column, p.Message, tc.line, tc.col, tc.msg)
			}
		})
	}
}

func aliasBomb(levels int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < levels; i++ {
		refs := strings.TrimSuffix(strings.Repeat("*a"+itoa(i-1)+", ", 10), ", ")
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [" + refs + "]\n")
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

// Hostile input (docs/security.md, Limits): a clear file-level problem, never a
// panic, a hang or a memory blow-up. Each case is guarded by a watchdog.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	deepBlock := ""
	for i := range 150 {
		deepBlock += strings.Repeat("  ", i) + "k:\n"
	}
	tests := map[string]struct {
		data      []byte
		line, col int
		msg       string
	}{
		"alias bomb (billion laughs)": {[]byte(aliasBomb(9)), 4, 45, "aliases create more than 10000 nodes"},
		"alias expansion ratio":       {[]byte("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c]\n"), 1, 1, "a ratio above the limit of 100"},
		"5000 levels of flow nesting": {[]byte("x: " + deep + "\n"), 1, 103, "nesting deeper than 100 levels"},
		"deep block nesting":          {[]byte(deepBlock), 101, 201, "nesting deeper than 100 levels"},
		"invalid UTF-8":               {[]byte("a: 1\nname: caf\xe9 bar\n"), 2, 10, "invalid UTF-8"},
		"binary named .yaml":          {[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 3, 1, "not a text file"},
		"UTF-16 text":                 {[]byte("\xff\xfea\x00:\x00 \x001\x00"), 1, 4, "not a text file"},
		"empty file":                  {[]byte(""), 1, 1, "holds no YAML document"},
		"only comments":               {[]byte("# nothing here\n\n"), 1, 1, "holds no YAML document"},
		"only null":                   {[]byte("~\n"), 1, 1, "holds no YAML document"},
		"syntax error":                {[]byte("a: 1\nb: [unclosed\nc: 2\n"), 2, 1, "YAML syntax error: did not find expected ',' or ']'"},
		"tab indentation":             {[]byte("a:\n\tb: 1\n"), 2, 1, "YAML syntax error: a tab in the indentation; YAML indents with spaces only"},
		"tab after spaces":            {[]byte("a:\n  b: 1\n  \tc: 2\n"), 3, 3, "a tab in the indentation"},
		"self-referencing alias":      {[]byte("a: &a [1, *a]\n"), 1, 11, "alias *a refers to a node that contains it"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			done := make(chan *File, 1)
			go func() { done <- Parse("h.yaml", tc.data, Options{}) }()
			var f *File
			select {
			case f = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("parse did not finish within 10s")
			}
			if len(f.Problems) != 1 {
				t.Fatalf("problems = %v, want exactly one file-level problem", f.Problems)
			}
			p := f.Problems[0]
			if p.Pos.Line != tc.line || p.Pos.Column != tc.col || !strings.Contains(p.Message, tc.msg) {
				t.Errorf("problem %d:%d %q, want %d:%d containing %q", p.Pos.Line, p.Pos.Column, p.Message, tc.line, tc.col, tc.msg)
			}
			if len(f.Docs) != 0 && name != "syntax error" {
				t.Errorf("a document was kept: %v", f.Docs)
			}
		})
	}
}

func TestTopLevelShapes(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{"just a scalar\n": `"just a scalar"`, "- a\n- b\n": `["a","b"]`} {
		f := Parse("t.yaml", []byte(src), Options{})
		if len(f.Problems) != 0 || len(f.Docs) != 1 {
			t.Fatalf("%q: problems %v", src, f.Problems)
		}
		got, _ := json.Marshal(f.Docs[0].Value)
		if string(got) != want || f.Docs[0].Object() != nil {
			t.Errorf("%q: value %s, want %s kept for the schema to reject", src, got, want)
		}
	}
}

func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := write(t, dir, "big.yaml", "x: "+strings.Repeat("a", 2048)+"\n")
	f := LoadFile(big, Options{MaxFileSize: 1024})
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "over the 1 KiB size limit") || f.Problems[0].Pos != (Pos{1, 1}) {
		t.Fatalf("problems = %v", f.Problems)
	}
	f = LoadFile(filepath.Join(dir, "missing.yaml"), Options{})
	if len(f.Problems) != 1 || !strings.Contains(f.Problems[0].Message, "cannot read file") {
		t.Fatalf("missing file problems = %v", f.Problems)
	}
}

func TestBOMAndCRLF(t *testing.T) {
	t.Parallel()
	f := Parse("b.yaml", []byte("\xef\xbb\xbfa: 1\r\nb:\r\n  c: 2\r\n"), Options{})
	if len(f.Problems) != 0 || len(f.Docs) != 1 {
		t.Fatalf("problems %v", f.Problems)
	}
	if pos, _ := f.Docs[0].Locate(Path{"b", "c"}); pos != (Pos{3, 3}) {
		t.Errorf("b.c at %v, want 3:3", pos)
	}
	if f.Docs[0].Start() != (Pos{1, 1}) {
		t.Errorf("start %v, want 1:1 (the BOM is not a column)", f.Docs[0].Start())
	}
}

func TestPathString(t *testing.T) {
	t.Parallel()
	tests := map[string]Path{
		"":                            nil,
		"spec.endpoints[1].url":       {"spec", "endpoints", 1, "url"},
		`metadata.labels["a.b"]`:      {"metadata", "labels", "a.b"},
		`[""]`:                        {""},
		`metadata.labels["x[0]"].y-z`: {"metadata", "labels", "x[0]", "y-z"},
	}
	for want, p := range tests {
		if got := p.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", p, got, want)
		}
	}
}

// manyKeys is a mapping of n keys, k0 to k(n-1), one a line.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: %d\n", i, i)
	}
	return b.String()
}
