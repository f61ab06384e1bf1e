package policy

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	opaversion "github.com/open-policy-agent/opa/v1/version"

	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/policies"
)

// Artefacts keeps what loading the policies derives from the built-in
// modules between runs: the content cache (internal/cache, a space of its
// own). Get returns a copy of the payload stored under key; Put stores one.
// Neither fails a run: a payload that cannot be read is a miss.
type Artefacts interface {
	Get(key [32]byte) ([]byte, bool)
	Put(key [32]byte, payload []byte)
}

// The built-in catalogue is the one artefact kept. Parsing the METADATA
// blocks of the built-in modules (YAML, in OPA's parser) is 40 % of
// parsing them, and checking those blocks (checkBuiltinMetadata) more
// again; both depend only on the binary, so a run that finds the catalogue
// in the cache parses the built-in modules without their METADATA
// (ProcessAnnotation off: OPA still parses a module's METADATA when a
// policy calls rego.metadata.*, from its comments) and checks nothing it
// checked when it wrote the entry.
//
// The entry is keyed like the content cache's: the binary (its version,
// executable path, size and modification time), OPA's version, and the
// SHA-256 of every built-in module's name and source, so that another
// binary, another OPA or other policies never read it. The cache directory
// is not trusted to hold what was written: the payload is a SHA-256 of
// the encoding and the encoding, and a decoded catalogue serves only when
// its rules are the rule packages of the parsed modules (ids, packages and
// files are taken from the modules) and its contract — every rule's
// severity, kinds, controls, framework mappings and parameter defaults —
// gives byte for byte the catalogue lock built into the binary
// (policies.LockJSON). A damaged, foreign or altered entry is a miss: the
// modules are parsed with their METADATA and the entry written again. The
// rules' texts (title, description, trigger, remediation, examples) are
// held by the SHA-256 alone, as every entry of the content cache is: whoever
// can write the cache directory can change what a run prints, not what it
// finds (docs/security.md).

// catalogueFormat versions the entry's encoding.
const catalogueFormat = "ifacelint built-in catalogue 1"

// builtinCatalogueKey is the entry's key for this binary (identity, as the
// content cache keys it) and these built-in sources.
func builtinCatalogueKey(binary []byte, sources []Source) [32]byte {
	h := sha256.New()
	field := func(b []byte) {
		var n [8]byte
		for i := range n {
			n[i] = byte(uint64(len(b)) >> (8 * i))
		}
		h.Write(n[:])
		h.Write(b)
	}
	field([]byte(catalogueFormat))
	field(binary)
	field([]byte(opaversion.Version))
	for _, s := range sources {
		sum := sha256.Sum256([]byte(s.Text))
		field([]byte(s.Name))
		field(sum[:])
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// catalogueEntry is a rule as the entry keeps it: its fields as
// encoding/json writes them (which keeps nil and empty lists apart), and
// its parameters as tagged values, which keep their Go types.
type catalogueEntry struct {
	Rule   Rule
	Params map[string]taggedValue
}

// taggedValue is a METADATA value with its Go type: one field set.
type taggedValue struct {
	Int    *int                   `json:"i,omitempty"`
	Float  *float64               `json:"f,omitempty"`
	Number *json.Number           `json:"n,omitempty"`
	String *string                `json:"s,omitempty"`
	Bool   *bool                  `json:"b,omitempty"`
	List   []taggedValue          `json:"l,omitempty"`
	Map    map[string]taggedValue `json:"m,omitempty"`
	Kind   string                 `json:"k,omitempty"` // "null", "list" or "map" when empty
}

func tag(v any) (taggedValue, error) {
	switch x := v.(type) {
	case nil:
		return taggedValue{Kind: "null"}, nil
	case int:
		return taggedValue{Int: &x}, nil
	case float64:
		return taggedValue{Float: &x}, nil
	case json.Number:
		return taggedValue{Number: &x}, nil
	case string:
		return taggedValue{String: &x}, nil
	case bool:
		return taggedValue{Bool: &x}, nil
	case []any:
		t := taggedValue{Kind: "list", List: make([]taggedValue, len(x))}
		for i, e := range x {
			var err error
			if t.List[i], err = tag(e); err != nil {
				return t, err
			}
		}
		return t, nil
	case map[string]any:
		t := taggedValue{Kind: "map", Map: make(map[string]taggedValue, len(x))}
		for k, e := range x {
			te, err := tag(e)
			if err != nil {
				return t, err
			}
			t.Map[k] = te
		}
		return t, nil
	}
	return taggedValue{}, fmt.Errorf("METADATA value of type %T", v)
}

func (t taggedValue) value() (any, error) {
	switch {
	case t.Int != nil:
		return *t.Int, nil
	case t.Float != nil:
		return *t.Float, nil
	case t.Number != nil:
		return *t.Number, nil
	case t.String != nil:
		return *t.String, nil
	case t.Bool != nil:
		return *t.Bool, nil
	case t.Kind == "null":
		return nil, nil
	case t.Kind == "list":
		out := make([]any, len(t.List))
		for i, e := range t.List {
			v, err := e.value()
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case t.Kind == "map":
		out := make(map[string]any, len(t.Map))
		for k, e := range t.Map {
			v, err := e.value()
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	}
	return nil, errStaleCatalogue
}

// encodeCatalogue is the entry of a built-in catalogue: the SHA-256 of
// the encoding, then the rules as JSON (catalogueEntry).
func encodeCatalogue(c *Catalogue) ([]byte, error) {
	list := make([]catalogueEntry, 0, len(c.Rules))
	for _, r := range c.Rules {
		e := catalogueEntry{Rule: *r, Params: map[string]taggedValue{}}
		e.Rule.Params = nil
		for k, v := range r.Params {
			t, err := tag(v)
			if err != nil {
				return nil, err
			}
			e.Params[k] = t
		}
		list = append(list, e)
	}
	body, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	return append(sum[:], body...), nil
}

var errStaleCatalogue = errors.New("built-in catalogue entry does not serve")

// decodeCatalogue reads an entry back and checks it against the parsed
// built-in modules (without METADATA) and the catalogue lock.
func decodeCatalogue(payload []byte, mods []*ast.Module) (*Catalogue, error) {
	if len(payload) < sha256.Size {
		return nil, errStaleCatalogue
	}
	body := payload[sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], payload[:sha256.Size]) {
		return nil, errStaleCatalogue
	}
	var entries []catalogueEntry
	if err := json.Unmarshal(body, &entries); err != nil {
		return nil, errStaleCatalogue
	}
	list := make([]Rule, len(entries))
	for i, e := range entries {
		list[i] = e.Rule
		list[i].Params = make(map[string]any, len(e.Params))
		for k, t := range e.Params {
			v, err := t.value()
			if err != nil {
				return nil, errStaleCatalogue
			}
			list[i].Params[k] = v
		}
	}
	// The rules are exactly the modules' rule packages, in id order.
	byID := map[string]*ast.Module{}
	for _, m := range mods {
		id, err := RuleID(m.Package.Path)
		if err != nil {
			return nil, err // NewCatalogue's error, which the full path reports
		}
		if id != "" && definesDeny(m) {
			byID[id] = m
		}
	}
	if len(list) != len(byID) {
		return nil, errStaleCatalogue
	}
	cat := rules.New()
	for i := range list {
		r := &list[i]
		m := byID[r.ID]
		if m == nil || !r.Builtin {
			return nil, errStaleCatalogue
		}
		r.Package, r.File = packageName(m), ""
		if loc := m.Package.Location; loc != nil {
			r.File = loc.File
		}
		if _, err := cat.Insert(r); err != nil {
			return nil, errStaleCatalogue
		}
	}
	lock, err := Lock(cat)
	if err != nil || !bytes.Equal(lock, policies.LockJSON) {
		return nil, errStaleCatalogue
	}
	return cat, nil
}

// loadBuiltins parses the built-in modules and builds their catalogue:
// from the artefact cache when it holds a catalogue that serves, else from
// their METADATA, checked, and then kept there.
func loadBuiltins(sources []Source, cache Artefacts, binary []byte) ([]*ast.Module, *Catalogue, error) {
	var key [32]byte
	if cache != nil {
		key = builtinCatalogueKey(binary, sources)
		if payload, ok := cache.Get(key); ok {
			mods, err := parse(sources, false)
			if err != nil {
				return nil, nil, fmt.Errorf("built-in policies: %w", err)
			}
			if cat, err := decodeCatalogue(payload, mods); err == nil {
				return mods, cat, nil
			}
		}
	}
	mods, err := Parse(sources)
	if err != nil {
		return nil, nil, fmt.Errorf("built-in policies: %w", err)
	}
	if err := checkBuiltinMetadata(mods); err != nil {
		return nil, nil, fmt.Errorf("built-in policies: %w", err)
	}
	cat, err := NewCatalogue(mods, true)
	if err != nil {
		return nil, nil, fmt.Errorf("built-in policies: %w", err)
	}
	if cache != nil {
		if payload, err := encodeCatalogue(cat); err == nil {
			cache.Put(key, payload)
		}
	}
	return mods, cat, nil
}
