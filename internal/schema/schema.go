// Package schema owns the one JSON Schema (draft 2020-12) of the inventory
// format, embedded in the binary, and turns every validation error into a
// message a person understands, at the offending node.
//
// It reads documents from package inventory and knows nothing of rules or
// output formats.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/ifacelint/ifacelint/internal/credential"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// JSON is the schema as printed by `ifacelint schema`.
//
//go:embed schema.json
var JSON []byte

// ID is the schema's $id: an identifier, not a URL. The schema is embedded
// and never fetched; `ifacelint schema` prints it.
const ID = "urn:ifacelint:schema:v1:document"

// Error is one offending node.
type Error struct {
	Path    inventory.Path
	Message string
}

// Validator validates documents. It is safe for concurrent use.
type Validator struct {
	compile    func() (*jsonschema.Schema, error)
	once       sync.Once
	compiled   *jsonschema.Schema // once Prepare has run
	compileErr error
	raw        map[string]any
	// Redact reports whether a value looks like a credential and must not be
	// echoed in a message. Nil echoes every value.
	Redact func(string) bool

	stringAt sync.Map     // cacheKey → bool
	cached   atomic.Int64 // entries in stringAt
}

var (
	defaultOnce sync.Once
	defaultVal  *Validator
	defaultErr  error
)

// Default returns the validator for the embedded schema. The schema is
// compiled once, when a document is first validated (or Prepare is
// called): a run whose files all come from the content cache validates
// nothing, and compiling the schema is an eighth of a small run's CPU.
func Default() (*Validator, error) {
	defaultOnce.Do(func() {
		defaultVal, defaultErr = newValidator(JSON, true)
		if defaultErr == nil {
			// A credential pasted into a misspelt or mistyped field must not
			// be echoed by a schema message either (docs/rules.md,
			// secrets/no-inline: the value is never printed).
			defaultVal.Redact = LooksLikeCredential
		}
	})
	return defaultVal, defaultErr
}

// LooksLikeCredential reports whether s contains a credential that
// secrets/no-inline reports.
func LooksLikeCredential(s string) bool { return credential.Contains(s) }

// New compiles a schema document. Format assertions are on, so a bad date
// is an error, not an annotation.
func New(doc []byte) (*Validator, error) { return newValidator(doc, false) }

// newValidator parses a schema document and compiles it, now or, when
// lazy, once it is first needed (Prepare).
func newValidator(doc []byte, lazy bool) (*Validator, error) {
	parsed, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	raw, ok := parsed.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("parse schema: top level is not an object")
	}
	v := &Validator{raw: raw}
	v.compile = func() (*jsonschema.Schema, error) {
		// The compiler gets a value of its own: raw is read meanwhile.
		parsed, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
		if err != nil {
			return nil, fmt.Errorf("parse schema: %w", err)
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		id, _ := raw["$id"].(string)
		if id == "" {
			id = "schema.json"
		}
		if err := c.AddResource(id, parsed); err != nil {
			return nil, fmt.Errorf("load schema: %w", err)
		}
		compiled, err := c.Compile(id)
		if err != nil {
			return nil, fmt.Errorf("compile schema: %w", err)
		}
		return compiled, nil
	}
	if !lazy {
		if err := v.Prepare(); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// Prepare compiles the schema if it is not yet compiled, and returns the
// error of compiling it. Validate calls it; a caller may call it earlier,
// beside other work.
func (v *Validator) Prepare() error {
	v.once.Do(func() { v.compiled, v.compileErr = v.compile() })
	return v.compileErr
}

// ValidateDocument is Validate of the document's value, plus an error for
// each key with a null value whose name the schema does not define there
// (Document.NullKeys): the value leaves null keys out, so a misspelt key
// with no value would pass unseen.
//
// A mapping with neither apiVersion nor kind is some other YAML file under an
// inventory root (a tool's config, a fixture): it gets one error that says
// so, not one per missing and unknown field.
func (v *Validator) ValidateDocument(doc *inventory.Document) []Error {
	m, ok := doc.Value.(map[string]any)
	if ok {
		_, hasAPI := m["apiVersion"]
		_, hasKind := m["kind"]
		if !hasAPI && !hasKind {
			return []Error{{Message: "not an inventory document: it has neither apiVersion nor kind " +
				"(inventory documents start with apiVersion: ifacelint/v1 and kind: Interface, ThirdParty or System; " +
				"move other YAML files out of the inventory roots, or add them to exclude: in .ifacelint.yaml)"}}
		}
	}
	errs := v.Validate(doc.Value)
	if len(doc.NullKeys) == 0 || !ok {
		return errs
	}
	kindName, _ := m["kind"].(string)
	seen := map[string]bool{}
	for _, e := range errs {
		seen[e.Path.String()] = true
	}
	for _, p := range doc.NullKeys {
		key, ok := p[len(p)-1].(string)
		if !ok || seen[p.String()] || v.allows(kindName, p[:len(p)-1], key) {
			continue
		}
		seen[p.String()] = true
		msg := "unknown field"
		allowed := v.propertiesAt(kindName, p[:len(p)-1])
		if s := suggest(key, allowed); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if len(allowed) > 0 {
			msg += "; expected one of " + strings.Join(allowed, ", ")
		}
		e := Error{Path: p, Message: msg}
		if safe := v.safePath(p); len(safe) < len(p) {
			e.Path, e.Message = safe, "a key that looks like a credential (not shown): "+msg
		}
		if len(e.Path) > 0 {
			e.Message = e.Path.String() + ": " + e.Message
		}
		errs = append(errs, e)
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Path.String() < errs[j].Path.String() })
	return errs
}

// allows reports whether the schema lets a mapping at parent hold key: a
// defined property, a pattern property, or additional properties that are
// not false. Where the schema says nothing of parent's keys, it allows.
func (v *Validator) allows(kindName string, parent inventory.Path, key string) bool {
	described := false
	for _, s := range v.at(kindName, parent) {
		_, hasProps := s["properties"]
		_, hasPats := s["patternProperties"]
		_, hasAdd := s["additionalProperties"]
		if !hasProps && !hasPats && !hasAdd {
			continue // a $ref, or a condition: says nothing of the keys
		}
		described = true
		if props, ok := s["properties"].(map[string]any); ok {
			if _, ok := props[key]; ok {
				return true
			}
		}
		if pats, ok := s["patternProperties"].(map[string]any); ok {
			for pat := range pats {
				if re, err := regexp.Compile(pat); err == nil && re.MatchString(key) {
					return true
				}
			}
		}
		if ap, ok := s["additionalProperties"]; !ok || ap != false {
			return true
		}
	}
	return !described
}

// Validate returns every schema error of the document, one per offending
// node, in a stable order.
func (v *Validator) Validate(value any) []Error {
	if err := v.Prepare(); err != nil {
		// Never without a schema: the document is invalid (exit 1 at
		// least), with the reason.
		return []Error{{Message: err.Error()}}
	}
	err := v.compiled.Validate(value)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Error{{Message: err.Error()}}
	}
	kindName := ""
	if m, ok := value.(map[string]any); ok {
		kindName, _ = m["kind"].(string)
	}
	var leaves []*jsonschema.ValidationError
	collectLeaves(verr, &leaves)
	var out []Error
	seen := map[string]bool{}
	for _, leaf := range leaves {
		for _, e := range v.describe(kindName, value, leaf) {
			key := e.Path.String() + "\x00" + e.Message
			if !seen[key] {
				seen[key] = true
				out = append(out, e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path.String() < out[j].Path.String() })
	return out
}

func collectLeaves(e *jsonschema.ValidationError, out *[]*jsonschema.ValidationError) {
	if len(e.Causes) == 0 {
		*out = append(*out, e)
		return
	}
	for _, c := range e.Causes {
		collectLeaves(c, out)
	}
}

// instancePath turns the library's string location into keys and indexes,
// walking the value to tell an index from a key that looks like a number.
func instancePath(value any, loc []string) (inventory.Path, any) {
	path := make(inventory.Path, 0, len(loc))
	cur := value
	for _, seg := range loc {
		switch c := cur.(type) {
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(c) {
				return append(path, seg), nil
			}
			path = append(path, i)
			cur = c[i]
		case map[string]any:
			path = append(path, seg)
			cur = c[seg]
		default:
			return append(path, seg), nil
		}
	}
	return path, cur
}

var typeNames = map[string]string{"object": "mapping", "array": "list", "null": "null"}

func typeName(t string) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return t
}

var yaml11Bools = map[string]bool{
	"yes": true, "no": true, "on": true, "off": true, "y": true, "n": true,
}

var patternHints = map[string]string{
	"^[a-z0-9][a-z0-9-]*$": "use lowercase letters, digits and hyphens, starting with a letter or digit",
	"^[0-9]+\\.[0-9]+$":    `write MAJOR.MINOR, such as "1.2"`,
}

func (v *Validator) describe(kindName string, doc any, e *jsonschema.ValidationError) []Error {
	path, got := instancePath(doc, e.InstanceLocation)
	at := func(p inventory.Path, format string, args ...any) Error {
		msg := fmt.Sprintf(format, args...)
		// A key that holds a credential is not shown: the error is at the
		// mapping that holds it, as secrets/no-inline reports it, because
		// paths are printed and written to baselines.
		if safe := v.safePath(p); len(safe) < len(p) {
			p, msg = safe, "a key that looks like a credential (not shown): "+msg
		}
		if len(p) > 0 {
			msg = p.String() + ": " + msg
		}
		return Error{Path: p, Message: msg}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		out := make([]Error, 0, len(k.Missing))
		for _, m := range k.Missing {
			out = append(out, at(path, "missing required field %q", m))
		}
		return out
	case *kind.AdditionalProperties:
		allowed := v.propertiesAt(kindName, path)
		out := make([]Error, 0, len(k.Properties))
		for _, p := range k.Properties {
			msg := "unknown field"
			if s := suggest(p, allowed); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else if len(allowed) > 0 {
				msg += "; expected one of " + strings.Join(allowed, ", ")
			}
			out = append(out, at(path.Child(p), "%s", msg))
		}
		return out
	case *kind.Type:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = typeName(w)
		}
		if len(path) == 0 {
			return []Error{at(path, "a document must be a mapping of apiVersion, kind, metadata and spec, not a %s", typeName(k.Got))}
		}
		msg := fmt.Sprintf("expected %s, got %s", strings.Join(want, " or "), typeName(k.Got))
		if n, ok := got.(json.Number); ok {
			msg += " " + n.String()
		}
		if s, ok := got.(string); ok {
			msg += " " + v.quote(s)
			if len(k.Want) == 1 && k.Want[0] == "boolean" && yaml11Bools[strings.ToLower(s)] {
				msg += "; write true or false"
			}
			if len(k.Want) == 1 && k.Want[0] == "object" {
				if fields := v.propertiesAt(kindName, path); slices.Contains(fields, "url") {
					msg += fmt.Sprintf("; each entry is a mapping: write {url: %s}", v.quote(s))
				}
			}
		}
		return []Error{at(path, "%s", msg)}
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		msg := fmt.Sprintf("%s is not one of %s", v.show(k.Got), strings.Join(want, ", "))
		if got, ok := k.Got.(string); ok && !(v.Redact != nil && v.Redact(got)) {
			if s := suggest(got, want); s != "" && s != got {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		}
		return []Error{at(path, "%s", msg)}
	case *kind.Const:
		return []Error{at(path, "%s must be %s", v.show(k.Got), v.show(k.Want))}
	case *kind.Format:
		if k.Want == "date" {
			return []Error{at(path, "%s is not a valid date; write YYYY-MM-DD", v.show(k.Got))}
		}
		return []Error{at(path, "%s is not a valid %s", v.show(k.Got), k.Want)}
	case *kind.Pattern:
		if hint, ok := patternHints[k.Want]; ok {
			return []Error{at(path, "%s is not valid: %s", v.quote(k.Got), hint)}
		}
		return []Error{at(path, "%s does not match %s", v.quote(k.Got), k.Want)}
	case *kind.MinLength:
		return []Error{at(path, "must not be empty")}
	case *kind.MaxLength:
		return []Error{at(path, "is longer than %d characters", k.Want)}
	case *kind.Minimum:
		return []Error{at(path, "must be at least %s, got %s", k.Want.RatString(), k.Got.RatString())}
	default:
		msg := e.ErrorKind.LocalizedString(english)
		return []Error{at(path, "%s", msg)}
	}
}

// english prints the library's messages for the keywords describe has no
// case for; a nil printer panics in several of them (minItems, maxItems,
// maxProperties).
var english = message.NewPrinter(language.English)

// safePath cuts p before the first key that Redact matches.
func (v *Validator) safePath(p inventory.Path) inventory.Path {
	if v.Redact == nil {
		return p
	}
	for i, seg := range p {
		if k, ok := seg.(string); ok && v.Redact(k) {
			return p[:i]
		}
	}
	return p
}

// show renders a value from the document for a message.
func (v *Validator) show(x any) string {
	switch s := x.(type) {
	case string:
		return v.quote(s)
	case nil:
		return "null"
	default:
		b, err := json.Marshal(s)
		if err != nil {
			return fmt.Sprint(s)
		}
		return string(b)
	}
}

const maxShown = 60

// quote renders a string from the document: redacted when it looks like a
// credential, shortened when long. Escaping for the output format is the
// reporter's job.
func (v *Validator) quote(s string) string {
	if v.Redact != nil && v.Redact(s) {
		return "(a value that looks like a credential, not shown)"
	}
	if r := []rune(s); len(r) > maxShown {
		s = string(r[:maxShown]) + "…"
	}
	return strconv.Quote(s)
}

// WantsString reports whether the schema expects a string at path in a
// document of the given kind (the loader keeps a plain scalar's source text
// there). Results are cached; the schema is small and fixed.
//
// The cache key leaves list indexes out (the schema says the same of every
// item), and the cache stops growing at maxCachedPaths, so hostile input (a
// list of a million numbers, a mapping of a million keys) can neither fill
// memory through it nor keep it for the rest of the run.
func (v *Validator) WantsString(kindName string, path inventory.Path) bool {
	key := cacheKey(kindName, path)
	if cached, ok := v.stringAt.Load(key); ok {
		return cached.(bool)
	}
	want := false
	for _, s := range v.at(kindName, path) {
		if hasType(s, "string") {
			want = true
			break
		}
	}
	if v.cached.Load() < maxCachedPaths {
		if _, loaded := v.stringAt.LoadOrStore(key, want); !loaded {
			v.cached.Add(1)
		}
	}
	return want
}

// maxCachedPaths bounds the WantsString cache.
const maxCachedPaths = 1 << 14

// cacheKey is kind and path, with every list index as "[]".
func cacheKey(kindName string, path inventory.Path) string {
	var b strings.Builder
	b.WriteString(kindName)
	for _, seg := range path {
		b.WriteByte(0)
		if k, ok := seg.(string); ok {
			b.WriteString(strconv.Itoa(len(k))) // length-prefixed: any key, unambiguous
			b.WriteByte(':')
			b.WriteString(k)
		} else {
			b.WriteString("[]")
		}
	}
	return b.String()
}

func hasType(s map[string]any, t string) bool {
	switch x := s["type"].(type) {
	case string:
		return x == t
	case []any:
		for _, y := range x {
			if y == t {
				return true
			}
		}
	}
	return false
}

// propertiesAt lists the field names the schema defines at path, sorted.
func (v *Validator) propertiesAt(kindName string, path inventory.Path) []string {
	set := map[string]bool{}
	for _, s := range v.at(kindName, path) {
		if props, ok := s["properties"].(map[string]any); ok {
			for p := range props {
				set[p] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// at returns the subschemas that apply at path, following $ref and the
// root's kind-specific if/then branches.
func (v *Validator) at(kindName string, path inventory.Path) []map[string]any {
	cur := v.expand(v.raw, kindName)
	for _, seg := range path {
		var next []map[string]any
		for _, s := range cur {
			if child := childSchema(s, seg); child != nil {
				next = append(next, v.expand(child, kindName)...)
			}
		}
		cur = next
		if len(cur) == 0 {
			return nil
		}
	}
	return cur
}

func (v *Validator) expand(s map[string]any, kindName string) []map[string]any {
	out := []map[string]any{s}
	if ref, ok := s["$ref"].(string); ok {
		if target := v.pointer(ref); target != nil {
			out = append(out, v.expand(target, kindName)...)
		}
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, item := range all {
			m, ok := item.(map[string]any)
			if !ok {
				continue
			}
			if cond, ok := m["if"].(map[string]any); ok {
				if then, ok := m["then"].(map[string]any); ok && kindConst(cond) == kindName {
					out = append(out, v.expand(then, kindName)...)
				}
				continue
			}
			out = append(out, v.expand(m, kindName)...)
		}
	}
	return out
}

func kindConst(cond map[string]any) string {
	props, _ := cond["properties"].(map[string]any)
	k, _ := props["kind"].(map[string]any)
	c, _ := k["const"].(string)
	return c
}

func (v *Validator) pointer(ref string) map[string]any {
	if !strings.HasPrefix(ref, "#/") {
		return nil
	}
	var cur any = v.raw
	for _, tok := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")]
	}
	m, _ := cur.(map[string]any)
	return m
}

func childSchema(s map[string]any, seg any) map[string]any {
	switch k := seg.(type) {
	case string:
		if props, ok := s["properties"].(map[string]any); ok {
			if c, ok := props[k].(map[string]any); ok {
				return c
			}
		}
		if pats, ok := s["patternProperties"].(map[string]any); ok {
			for pat, c := range pats {
				if re, err := regexp.Compile(pat); err == nil && re.MatchString(k) {
					if m, ok := c.(map[string]any); ok {
						return m
					}
					return nil // `true`: anything goes, no type expected
				}
			}
		}
		if c, ok := s["additionalProperties"].(map[string]any); ok {
			return c
		}
	case int:
		if c, ok := s["items"].(map[string]any); ok {
			return c
		}
	}
	return nil
}

// suggest returns the allowed name closest to an unknown one, if it is
// close enough to be a likely typo.
// A name whose length differs from a candidate's by more than the distance
// allowed cannot be close to it (the distance is at least the difference):
// it is skipped, so a long key costs no quadratic distance computation.
func suggest(name string, allowed []string) string {
	best, bestDist := "", 1<<30
	lower, n := strings.ToLower(name), utf8.RuneCountInString(name)
	for _, a := range allowed {
		m := utf8.RuneCountInString(a)
		if abs(n-m) > max(2, m/4) {
			continue
		}
		if d := levenshtein.ComputeDistance(lower, strings.ToLower(a)); d < bestDist {
			best, bestDist = a, d
		}
	}
	if best != "" && bestDist <= max(2, utf8.RuneCountInString(best)/4) {
		return best
	}
	return ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
