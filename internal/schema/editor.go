package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The editor schema is the schema as a YAML 1.2 editor must see it. An
// editor's language server (yaml-language-server) reads plain scalars by the
// YAML 1.2 core schema, ifacelint's loader does not: where this schema wants
// a string, the loader keeps a plain scalar's source text (`id: 0042` is
// "0042", `minVersion: 1.10` is "1.10"), which the editor reads as a number
// or a boolean; and a mapping entry whose value is null or empty counts as
// missing, which the editor reads as null. The editor schema accepts those
// values where the loader makes them valid, and nowhere else. It is derived
// from the embedded schema, never edited by hand; `ifacelint schema --editor`
// prints it and `ifacelint init` writes it. README ("Editor set-up") lists
// what differs.

var (
	editorOnce sync.Once
	editorJSON []byte
	editorErr  error
)

// EditorJSON returns the editor schema derived from the embedded one.
func EditorJSON() ([]byte, error) {
	editorOnce.Do(func() { editorJSON, editorErr = deriveEditor(JSON) })
	return editorJSON, editorErr
}

// deriveEditor derives the editor schema from a schema document. It walks
// the schema the way the loader asks WantsString (properties,
// patternProperties, additionalProperties, items, $ref, allOf and the
// then of an if/then), and fails on any keyword or string constraint it has
// no rule for, so a change to the schema cannot silently make the editor
// schema wrong.
func deriveEditor(doc []byte) ([]byte, error) {
	v, err := decodeOrdered(doc)
	if err != nil {
		return nil, fmt.Errorf("editor schema: parse schema: %w", err)
	}
	root, ok := v.(*object)
	if !ok {
		return nil, fmt.Errorf("editor schema: the schema is not an object")
	}
	d := &deriver{root: root, walked: map[*object]string{}}
	if err := d.walk(root, "#", nil); err != nil {
		return nil, fmt.Errorf("editor schema: %w", err)
	}
	// The editor schema lives in the project (init writes it there): its
	// place is its identity, and it must not claim the schema's $id.
	root.del("$id")
	if t, ok := root.get("title").(string); ok {
		root.set("title", t+" (editor)")
	}
	root.insertAfter("$schema", "$comment", "Derived by `ifacelint schema --editor` from `ifacelint schema` for "+
		"editors that read YAML 1.2 (yaml-language-server): where ifacelint reads a plain scalar as a string, "+
		"the number or boolean YAML 1.2 reads from it is accepted too, and null where an empty value counts as missing. "+
		"Regenerate it after upgrading ifacelint; `ifacelint validate` remains the check.")
	var buf bytes.Buffer
	writeJSON(&buf, root, "")
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// handled are the keywords the walk understands. Anything else (anyOf,
// oneOf, not, prefixItems, dependentSchemas, …) could hold a string the
// loader reads differently, so it stops the derivation until someone decides.
var handled = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$ref": true, "$comment": true,
	"title": true, "description": true,
	"type": true, "const": true, "enum": true, "required": true,
	"properties": true, "patternProperties": true, "additionalProperties": true,
	"items": true, "allOf": true,
	"pattern": true, "format": true, "minLength": true, "maxLength": true, "minimum": true,
}

// numberRule says which YAML 1.2 numbers and booleans are valid where a
// string must match a pattern: those whose plain source text can match it.
// A number does not keep its text, so the rule is the narrowest that
// accepts every such number.
type numberRule struct {
	types   []string
	minimum bool // no matching text begins with "-": numbers are at least 0
}

var patternRules = map[string]numberRule{
	// metadata.id: 0042, 10, 1e5, 0x1f, 0o17, true and false match; a
	// negative number's text begins with "-", which cannot.
	"^[a-z0-9][a-z0-9-]*$": {types: []string{"number", "boolean"}, minimum: true},
	// encryption.inTransit.minVersion: 1.2 and 1.10 match (YAML 1.2 reads
	// 1.1), and 1.0 (read as 1, which cannot be told from a plain 1).
	"^[0-9]+\\.[0-9]+$": {types: []string{"number"}, minimum: true},
}

// formatRules: formats no YAML 1.2 number or boolean's text can satisfy.
var formatRules = map[string]bool{"date": true}

type deriver struct {
	root   *object
	walked map[*object]string // schema → the required set it was walked with
}

// walk widens node, a schema that applies at one instance location, and
// everything below it. required is what sibling schemas at the same
// location require (an if/then's then, a $ref target).
func (d *deriver) walk(node *object, at string, required map[string]bool) error {
	key := setKey(required)
	if prev, ok := d.walked[node]; ok {
		if prev != key {
			return fmt.Errorf("%s: reached from places that require different fields", at)
		}
		return nil
	}
	d.walked[node] = key
	for _, k := range node.keys {
		if !handled[k] {
			return fmt.Errorf("%s: no editor rule for keyword %q", at, k)
		}
	}
	if slices.Contains(typeList(node), "string") {
		if err := widenString(node, at); err != nil {
			return err
		}
	}
	req := map[string]bool{}
	for k := range required {
		req[k] = true
	}
	if err := d.collectRequired(node, req, 0); err != nil {
		return fmt.Errorf("%s: %w", at, err)
	}
	if props, ok := node.get("properties").(*object); ok {
		for _, k := range props.keys {
			if err := d.child(props, k, at+"/properties/"+pointerEscape(k), !req[k]); err != nil {
				return err
			}
		}
	}
	if pats, ok := node.get("patternProperties").(*object); ok {
		for _, k := range pats.keys {
			if err := d.child(pats, k, at+"/patternProperties/"+pointerEscape(k), true); err != nil {
				return err
			}
		}
	}
	if node.has("additionalProperties") {
		if err := d.child(node, "additionalProperties", at+"/additionalProperties", true); err != nil {
			return err
		}
	}
	if items, ok := node.get("items").(*object); ok {
		if err := d.walk(items, at+"/items", nil); err != nil {
			return err
		}
	}
	if all, ok := node.get("allOf").([]any); ok {
		for i, item := range all {
			m, ok := item.(*object)
			if !ok {
				return fmt.Errorf("%s/allOf/%d: not a schema object", at, i)
			}
			if m.has("if") {
				// The loader follows a then when its if is a kind const;
				// the if itself holds no instance value.
				for _, k := range m.keys {
					if k != "if" && k != "then" {
						return fmt.Errorf("%s/allOf/%d: no editor rule for keyword %q beside if", at, i, k)
					}
				}
				if then, ok := m.get("then").(*object); ok {
					if err := d.walk(then, fmt.Sprintf("%s/allOf/%d/then", at, i), req); err != nil {
						return err
					}
				}
				continue
			}
			if err := d.walk(m, fmt.Sprintf("%s/allOf/%d", at, i), req); err != nil {
				return err
			}
		}
	}
	if ref, ok := node.get("$ref").(string); ok {
		target := d.resolve(ref)
		if target == nil {
			return fmt.Errorf("%s: $ref %q does not resolve inside the schema", at, ref)
		}
		if err := d.walk(target, ref, req); err != nil {
			return err
		}
	}
	return nil
}

// child walks the schema under holder[key] (a mapping entry's value) and,
// when the entry is optional, lets it be null: the loader drops a null or
// empty value, so the entry counts as missing, which is valid.
func (d *deriver) child(holder *object, key, at string, optional bool) error {
	s, ok := holder.get(key).(*object)
	if !ok {
		return nil // true or false: no value to widen
	}
	if err := d.walk(s, at, nil); err != nil {
		return err
	}
	if !optional {
		return nil
	}
	if !s.has("type") && s.has("$ref") {
		// A $ref's type cannot be widened beside it (both apply): inline
		// the (already widened) target, its annotations overridden.
		ref := s.get("$ref").(string)
		target := d.resolve(ref)
		if target == nil {
			return fmt.Errorf("%s: $ref %q does not resolve inside the schema", at, ref)
		}
		if target.has("$ref") || target.has("allOf") {
			return fmt.Errorf("%s: no editor rule for a nullable $ref to a schema with $ref or allOf", at)
		}
		inlined := target.clone()
		for _, k := range s.keys {
			if k != "$ref" {
				inlined.set(k, s.get(k))
			}
		}
		holder.set(key, inlined)
		s = inlined
	}
	allowNull(s)
	return nil
}

// allowNull makes a schema accept null as well.
func allowNull(s *object) {
	if c, ok := s.vals["const"]; ok {
		s.replace("const", "enum", []any{c})
	}
	if enum, ok := s.get("enum").([]any); ok && !slices.Contains(enum, nil) {
		s.set("enum", append(enum, nil))
	}
	if s.has("type") {
		addTypes(s, "null")
	}
}

// widenString lets a string schema accept the numbers and booleans YAML 1.2
// reads from the plain scalars the loader keeps as valid strings there.
func widenString(s *object, at string) error {
	if s.has("const") {
		s.replace("const", "enum", []any{s.get("const")})
	}
	if enum, ok := s.get("enum").([]any); ok {
		// A member such as "1.2" is valid written plain: add what YAML 1.2
		// reads from it.
		for _, m := range enum {
			str, ok := m.(string)
			if !ok {
				continue
			}
			switch v := resolveYAML12(str).(type) {
			case bool, json.Number:
				enum = append(enum, v)
				addTypes(s, jsonType(v))
			case float64, nil:
				return fmt.Errorf("%s: no editor rule for enum member %q", at, str)
			}
		}
		s.set("enum", enum)
		return nil
	}
	switch pattern, format := s.get("pattern"), s.get("format"); {
	case pattern != nil && format != nil:
		return fmt.Errorf("%s: no editor rule for a string with both pattern and format", at)
	case pattern != nil:
		p, _ := pattern.(string)
		rule, ok := patternRules[p]
		if !ok {
			return fmt.Errorf("%s: no editor rule for pattern %q (add one to patternRules)", at, p)
		}
		addTypes(s, rule.types...)
		if rule.minimum {
			s.insertAfter("pattern", "minimum", json.Number("0"))
		}
	case format != nil:
		f, _ := format.(string)
		if !formatRules[f] {
			return fmt.Errorf("%s: no editor rule for format %q (add one to formatRules)", at, f)
		}
	default:
		// Any text is valid (minLength holds: a plain scalar that is a
		// number or boolean is never empty).
		addTypes(s, "number", "boolean")
	}
	return nil
}

func jsonType(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case nil:
		return "null"
	default:
		return "number"
	}
}

// collectRequired adds what node and the schemas applying with it ($ref
// target, allOf members and their then) require.
func (d *deriver) collectRequired(node *object, req map[string]bool, depth int) error {
	if depth > 32 {
		return fmt.Errorf("$ref or allOf nested too deep")
	}
	if list, ok := node.get("required").([]any); ok {
		for _, r := range list {
			if s, ok := r.(string); ok {
				req[s] = true
			}
		}
	}
	if ref, ok := node.get("$ref").(string); ok {
		if t := d.resolve(ref); t != nil {
			if err := d.collectRequired(t, req, depth+1); err != nil {
				return err
			}
		}
	}
	if all, ok := node.get("allOf").([]any); ok {
		for _, item := range all {
			m, ok := item.(*object)
			if !ok {
				continue
			}
			if m.has("if") {
				m, _ = m.get("then").(*object)
				if m == nil {
					continue
				}
			}
			if err := d.collectRequired(m, req, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *deriver) resolve(ref string) *object {
	if !strings.HasPrefix(ref, "#/") {
		return nil
	}
	var cur any = d.root
	for _, tok := range strings.Split(ref[2:], "/") {
		o, ok := cur.(*object)
		if !ok {
			return nil
		}
		cur = o.get(strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~"))
	}
	o, _ := cur.(*object)
	return o
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func setKey(set map[string]bool) string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, "\x00")
}

func typeList(s *object) []string {
	switch t := s.get("type").(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if str, ok := x.(string); ok {
				out = append(out, str)
			}
		}
		return out
	}
	return nil
}

// addTypes adds types to a schema's type, keeping it a single string when
// nothing is added.
func addTypes(s *object, types ...string) {
	list := typeList(s)
	for _, t := range types {
		if !slices.Contains(list, t) {
			list = append(list, t)
		}
	}
	if len(list) == 1 {
		s.set("type", list[0])
		return
	}
	out := make([]any, len(list))
	for i, t := range list {
		out[i] = t
	}
	s.set("type", out)
}

// YAML 1.2 core schema (YAML 1.2.2, 10.3.2): how an editor reads a plain
// scalar.
var (
	core12Int   = regexp.MustCompile(`^[-+]?[0-9]+$`)
	core12Oct   = regexp.MustCompile(`^0o[0-7]+$`)
	core12Hex   = regexp.MustCompile(`^0x[0-9a-fA-F]+$`)
	core12Float = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	core12Inf   = regexp.MustCompile(`^[-+]?\.(inf|Inf|INF)$`)
	core12NaN   = regexp.MustCompile(`^\.(nan|NaN|NAN)$`)
)

// resolveYAML12 returns what a YAML 1.2 core-schema parser reads from a
// plain scalar: nil (null), a bool, a json.Number, a float64 (±Inf, NaN) or
// the text itself.
func resolveYAML12(s string) any {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return nil
	case "true", "True", "TRUE":
		return true
	case "false", "False", "FALSE":
		return false
	}
	switch {
	case core12Int.MatchString(s):
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		return floatNumber(s) // beyond int64: a float, as in JavaScript
	case core12Oct.MatchString(s), core12Hex.MatchString(s):
		if u, err := strconv.ParseUint(s, 0, 64); err == nil {
			return json.Number(strconv.FormatUint(u, 10))
		}
		return s
	case core12Float.MatchString(s):
		return floatNumber(s)
	case core12Inf.MatchString(s):
		if s[0] == '-' {
			return math.Inf(-1)
		}
		return math.Inf(1)
	case core12NaN.MatchString(s):
		return math.NaN()
	}
	return s
}

func floatNumber(s string) any {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return f // out of range: ±Inf, as JavaScript reads it
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
}
