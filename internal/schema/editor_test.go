package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"go.yaml.in/yaml/v3"

	"github.com/ifacelint/ifacelint/internal/golden"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

func editorValidator(t testing.TB) *Validator {
	t.Helper()
	b, err := EditorJSON()
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The editor schema is reviewed like code: a change to the schema or to the
// derivation shows here.
func TestEditorSchemaGolden(t *testing.T) {
	t.Parallel()
	b, err := EditorJSON()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "editor.schema.json", b)
}

// The ordered reader and writer reproduce schema.json byte for byte, so the
// editor schema differs from it only where the derivation says.
func TestOrderedRoundTrip(t *testing.T) {
	t.Parallel()
	v, err := decodeOrdered(JSON)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	writeJSON(&buf, v, "")
	buf.WriteByte('\n')
	if !bytes.Equal(buf.Bytes(), JSON) {
		t.Fatal("schema.json does not survive decodeOrdered and writeJSON unchanged")
	}
}

// A construct the derivation has no rule for stops it: a new pattern, a
// format, an anyOf could hold a string the loader reads differently.
func TestDeriveEditorRefusesWhatItCannotWiden(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ schema, want string }{
		"unknown pattern": {`{"type":"object","properties":{"a":{"type":"string","pattern":"^x$"}}}`, `no editor rule for pattern "^x$"`},
		"unknown format":  {`{"type":"object","properties":{"a":{"type":"string","format":"email"}}}`, `no editor rule for format "email"`},
		"anyOf":           {`{"type":"object","properties":{"a":{"anyOf":[{"type":"string"}]}}}`, `no editor rule for keyword "anyOf"`},
		"dangling $ref":   {`{"$ref":"#/$defs/none"}`, `does not resolve`},
		"inf enum member": {`{"type":"string","enum":[".inf"]}`, `no editor rule for enum member ".inf"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := deriveEditor([]byte(tc.schema))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// An enum member or const that YAML 1.2 reads as a number or boolean is
// added as that value; a required entry never becomes nullable.
func TestDeriveEditorEnumAndRequired(t *testing.T) {
	t.Parallel()
	got, err := deriveEditor([]byte(`{"type":"object","required":["v"],"properties":{"v":{"type":"string","enum":["1.2","tls"]},"c":{"const":"x"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(got)
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]bool{
		`{"v": 1.2}`:              true,
		`{"v": "1.2"}`:            true,
		`{"v": 1.3}`:              false,
		`{"v": null}`:             false,
		`{"v": "tls", "c": null}`: true,
		`{"v": "tls", "c": "y"}`:  false,
	} {
		var x any
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		if err := dec.Decode(&x); err != nil {
			t.Fatal(err)
		}
		if ok := len(v.Validate(x)) == 0; ok != want {
			t.Errorf("%s: valid %v, want %v\n%s", doc, ok, want, got)
		}
	}
}

// spellings are plain scalars a person may write, each read one way by the
// loader (YAML with ifacelint's string rule) and another by a YAML 1.2
// editor. .inf and .nan are left out: JSON cannot hold what YAML 1.2 reads
// from them, so no JSON Schema validator here can take it.
var spellings = []string{
	"", "~", "null", "NULL",
	"true", "False", "TRUE", "yes", "on",
	"0", "42", "0042", "017", "-1", "+1", "99999999999999999999",
	"1.2", "1.10", "1.0", "1.", ".5", "-1.5", "1e5", "1e-5", "1E5",
	"0x1f", "0x1F", "0o17", "1_000", "0b101",
	"2024-01-01", "2024-13-45", "12:30",
	"abc", "api", "Interface", "ifacelint/v1",
}

var bases = map[string]string{
	"Interface":  "apiVersion: ifacelint/v1\nkind: Interface\nmetadata:\n  id: base\n  name: Base\nspec:\n  type: api\n  direction: inbound\n  exposure: internal\n",
	"ThirdParty": "apiVersion: ifacelint/v1\nkind: ThirdParty\nmetadata:\n  id: base\n  name: Base\nspec:\n  services: Hosting\n",
}

// For every field of both kinds and every spelling, the editor schema over
// the YAML 1.2 reading accepts what validate accepts. It also rejects what
// validate rejects, except where a number has lost the text that decides
// (a pattern over a number's source: `id: 1.5` has a dot, `minVersion: 1`
// has none), and where ifacelint reads a YAML 1.1 integer (1_000, 0b101)
// that YAML 1.2 reads as text. README's "Editor set-up" lists the same.
func TestEditorSchemaAgreesWithValidate(t *testing.T) {
	t.Parallel()
	strict, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	editor := editorValidator(t)
	checked := 0
	var lenient, stricter []string
	for _, kindName := range []string{"Interface", "ThirdParty"} {
		for _, path := range schemaPaths(strict, kindName, nil) {
			for _, s := range spellings {
				src := withPlainScalar(t, bases[kindName], path, s)
				valid := validateAccepts(strict, src)
				docs, err := decodeYAML12(src)
				if err != nil || len(docs) != 1 {
					t.Fatalf("%s %s=%q: YAML 1.2 reading: %v (%d documents)", kindName, path, s, err, len(docs))
				}
				inEditor := len(editor.Validate(docs[0])) == 0
				checked++
				where := fmt.Sprintf("%s %s: %s", kindName, path, s)
				switch {
				case valid && !inEditor:
					if !yaml11Integer(s) || !wants(strict, kindName, path, "integer") {
						t.Errorf("%s: validate accepts it, the editor schema does not: %v", where, editor.Validate(docs[0]))
					}
					stricter = append(stricter, where)
				case !valid && inEditor:
					if !numberLostItsText(strict, kindName, path, s) {
						t.Errorf("%s: the editor schema accepts what validate rejects", where)
					}
					lenient = append(lenient, where)
				}
			}
		}
	}
	if checked < 3000 {
		t.Fatalf("only %d cases checked: the schema walk lost fields", checked)
	}
	// The exceptions exist (the test can see a difference) and stay few.
	if len(lenient) == 0 || len(stricter) == 0 {
		t.Fatalf("no lenient (%d) or no stricter (%d) case: the comparison sees nothing", len(lenient), len(stricter))
	}
	t.Logf("%d cases; editor more lenient in %d, stricter in %d", checked, len(lenient), len(stricter))
	t.Logf("lenient: %q\nstricter: %q", lenient, stricter)
}

// yaml11Integer: a plain scalar ifacelint's YAML reader takes for an
// integer and YAML 1.2 for text.
func yaml11Integer(s string) bool {
	_, isText := resolveYAML12(s).(string)
	return isText && (strings.Contains(s, "_") || strings.HasPrefix(s, "0b"))
}

// numberLostItsText: s is a number or boolean to YAML 1.2, at a string
// field with a pattern, whose verdict depends on the text the number lost.
func numberLostItsText(v *Validator, kindName string, path inventory.Path, s string) bool {
	switch resolveYAML12(s).(type) {
	case json.Number, bool:
	default:
		return false
	}
	for _, sch := range v.at(kindName, path) {
		if hasType(sch, "string") && sch["pattern"] != nil {
			return true
		}
	}
	return false
}

func wants(v *Validator, kindName string, path inventory.Path, typ string) bool {
	for _, s := range v.at(kindName, path) {
		if hasType(s, typ) {
			return true
		}
	}
	return false
}

// schemaPaths lists every field the schema defines for a kind: one list
// item stands for all, "k" for any key of a free-form mapping.
func schemaPaths(v *Validator, kindName string, prefix inventory.Path) []inventory.Path {
	if len(prefix) > 8 {
		return nil
	}
	seen := map[string]bool{}
	var out []inventory.Path
	add := func(p inventory.Path) {
		if !seen[p.String()] {
			seen[p.String()] = true
			out = append(out, p)
			out = append(out, schemaPaths(v, kindName, p)...)
		}
	}
	for _, s := range v.at(kindName, prefix) {
		if props, ok := s["properties"].(map[string]any); ok {
			keys := make([]string, 0, len(props))
			for k := range props {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				add(prefix.Child(k))
			}
		}
		if _, ok := s["additionalProperties"].(map[string]any); ok {
			add(prefix.Child("k"))
		}
		if _, ok := s["items"].(map[string]any); ok {
			add(prefix.Child(0))
		}
	}
	return out
}

// withPlainScalar returns base with the value at path set to the plain
// scalar s (creating the mappings and list on the way).
func withPlainScalar(t *testing.T, base string, path inventory.Path, s string) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(base), &doc); err != nil {
		t.Fatal(err)
	}
	setAt(doc.Content[0], path, &yaml.Node{Kind: yaml.ScalarNode, Value: s})
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	// The emitter must have written s plain, else the case tests nothing.
	var back yaml.Node
	if err := yaml.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	leaf := back.Content[0]
	for _, seg := range path {
		leaf = childNode(leaf, seg)
		if leaf == nil {
			t.Fatalf("%s: lost in\n%s", path, out)
		}
	}
	if leaf.Kind != yaml.ScalarNode || leaf.Style != 0 || leaf.Value != s {
		t.Fatalf("%s=%q was not written as a plain scalar:\n%s", path, s, out)
	}
	return out
}

func setAt(n *yaml.Node, path inventory.Path, leaf *yaml.Node) {
	if len(path) == 0 {
		*n = *leaf
		return
	}
	switch seg := path[0].(type) {
	case string:
		if n.Kind != yaml.MappingNode {
			*n = yaml.Node{Kind: yaml.MappingNode}
		}
		if c := childNode(n, seg); c != nil {
			setAt(c, path[1:], leaf)
			return
		}
		c := &yaml.Node{Kind: yaml.MappingNode}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: seg}, c)
		setAt(c, path[1:], leaf)
	case int:
		if n.Kind != yaml.SequenceNode {
			*n = yaml.Node{Kind: yaml.SequenceNode}
		}
		if len(n.Content) == 0 {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.MappingNode})
		}
		setAt(n.Content[0], path[1:], leaf)
	}
}

func childNode(n *yaml.Node, seg any) *yaml.Node {
	switch k := seg.(type) {
	case string:
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					return n.Content[i+1]
				}
			}
		}
	case int:
		if n.Kind == yaml.SequenceNode && k < len(n.Content) {
			return n.Content[k]
		}
	}
	return nil
}

// validateAccepts reports whether every document of src is valid the way
// `ifacelint validate` decides: loader problems and schema errors.
func validateAccepts(v *Validator, src []byte) bool {
	f := inventory.Parse("t.yaml", src, inventory.Options{WantsString: v.WantsString})
	if len(f.Problems) > 0 {
		return false
	}
	for _, d := range f.Docs {
		if len(d.Problems) > 0 || len(v.Validate(d.Value)) > 0 {
			return false
		}
	}
	return true
}

var errNotJSON = errors.New("YAML 1.2 reads a value JSON cannot hold (.inf, .nan)")

// decodeYAML12 reads each non-empty document of data as a YAML 1.2 editor
// (yaml-language-server) does: plain scalars by the core schema, quoted
// ones as text, null kept, aliases and merge keys expanded.
func decodeYAML12(data []byte) ([]any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []any
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(n.Content) == 0 {
			continue
		}
		v, err := yaml12Value(n.Content[0], 0)
		if err != nil {
			return nil, err
		}
		if v != nil {
			out = append(out, v)
		}
	}
}

func yaml12Value(n *yaml.Node, depth int) (any, error) {
	if depth > 100 {
		return nil, errors.New("nested too deep")
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yaml12Value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yaml12Value(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		var explicit [][2]*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
				sources := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					sources = v.Content
				}
				for j := len(sources) - 1; j >= 0; j-- {
					m, err := yaml12Value(sources[j], depth+1)
					if err != nil {
						return nil, err
					}
					if mm, ok := m.(map[string]any); ok {
						for mk, mv := range mm {
							out[mk] = mv
						}
					}
				}
				continue
			}
			explicit = append(explicit, [2]*yaml.Node{k, v})
		}
		for _, kv := range explicit {
			k := kv[0]
			if k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			v, err := yaml12Value(kv[1], depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	case yaml.ScalarNode:
		if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return n.Value, nil
		}
		if n.Style&yaml.TaggedStyle != 0 {
			switch n.ShortTag() {
			case "!!null", "!!bool", "!!int", "!!float":
			default:
				return n.Value, nil
			}
		}
		switch v := resolveYAML12(n.Value).(type) {
		case float64:
			if math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, errNotJSON
			}
			return v, nil
		default:
			return v, nil
		}
	}
	return nil, nil
}

// Every document of the repository's examples and test fixtures that
// validate accepts, the editor schema accepts as a YAML 1.2 editor reads
// it: YAML files and the YAML files inside the end-to-end scripts.
func TestEditorSchemaAcceptsEveryValidFixture(t *testing.T) {
	t.Parallel()
	strict, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	editor := editorValidator(t)
	root := filepath.Join("..", "..")
	type source struct {
		name string
		data []byte
	}
	var sources []source
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "node_modules" || n == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case inventory.IsYAML(p):
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sources = append(sources, source{p, data})
		case strings.HasSuffix(p, ".txtar"):
			a, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			for _, f := range a.Files {
				if inventory.IsYAML(f.Name) {
					sources = append(sources, source{p + ":" + f.Name, f.Data})
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]int{}
	for _, src := range sources {
		f := inventory.Parse(src.name, src.data, inventory.Options{WantsString: strict.WantsString})
		if len(f.Problems) > 0 {
			continue
		}
		docs, err := decodeYAML12(src.data)
		if errors.Is(err, errNotJSON) {
			continue
		}
		if err != nil || len(docs) != len(f.Docs) {
			continue // a document the loader read differently (a bad alias, …): not valid anyway
		}
		for i, d := range f.Docs {
			if len(d.Problems) > 0 || len(strict.Validate(d.Value)) > 0 {
				continue
			}
			if d.Kind != "Interface" && d.Kind != "ThirdParty" {
				continue
			}
			checked[d.Kind]++
			for _, e := range editor.Validate(docs[i]) {
				// The loader drops an entry whose value is empty, even under
				// a key the schema does not know (`{<<: *flow, note}`); the
				// editor flags that key, and is right to.
				if strings.Contains(e.Message, "unknown field") && isNull(docs[i], e.Path) {
					continue
				}
				t.Errorf("%s, document %d: validate accepts it, the editor schema does not: %s", src.name, i+1, e.Message)
			}
		}
	}
	// Guard against a walk that found nothing: the examples alone hold
	// dozens of documents of each kind.
	for _, k := range []string{"Interface", "ThirdParty"} {
		if checked[k] < 10 {
			t.Fatalf("only %d valid %s documents found in the fixtures", checked[k], k)
		}
	}
	t.Logf("valid documents checked: %v", checked)
}

// isNull reports whether path names an entry whose value is null in v.
func isNull(v any, path inventory.Path) bool {
	for i, seg := range path {
		switch c := v.(type) {
		case map[string]any:
			k, _ := seg.(string)
			x, ok := c[k]
			if !ok {
				return false
			}
			if i == len(path)-1 {
				return x == nil
			}
			v = x
		case []any:
			j, ok := seg.(int)
			if !ok || j >= len(c) {
				return false
			}
			v = c[j]
		default:
			return false
		}
	}
	return false
}
