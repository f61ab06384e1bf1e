// Package change holds the change/* rules that compare an inventory with
// its base revision: each head document is paired with the base document of
// the same kind and id, and a change that widens exposure, weakens
// authentication or encryption, raises the sensitivity of the data carried,
// sends personal data to a third party or deletes a document still named is
// reported unless the head document names a change ticket
// (spec.changeManagement.ticket). docs/change.md describes the pairing and
// the orders.
//
// The package is pure: it reads documents the caller loaded, never the
// file system, git or the engine, and it never panics on a value of the
// wrong type (that is schema/invalid's finding; a value it cannot read
// compares as unknown and fires nothing). Locating, severity, waivers and
// the baseline belong to the caller, which turns a Change into a finding
// at c.Doc.LocateRegion(c.Path).
package change

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Change is one change/* finding, before it is located: a rule, its
// message, the head document it is reported on and the node of that
// document it points at.
type Change struct {
	Rule    string // one of rules.ChangeRules
	Message string
	// Doc is the head document the change is reported on; File, Index,
	// Kind and ID repeat its fields for a caller that only prints them.
	Doc   *inventory.Document
	File  string
	Index int
	Kind  string
	ID    string
	// Path is the node of Doc the change is about; it always exists in
	// Doc.Value (a node the head deleted is replaced by its nearest
	// existing parent), so Doc.LocateRegion(Path) finds it exactly.
	Path inventory.Path
	// Ticket is the head document's change ticket
	// (spec.changeManagement.ticket) when it names one: the change is
	// reviewed and not a finding (CompareAll only; its message then says
	// what changed, without the hint to name a ticket).
	Ticket string
}

// TicketPath is the field whose non-empty value accepts every change of a
// document: the change ticket that reviewed it.
var TicketPath = inventory.Path{"spec", "changeManagement", "ticket"}

// key pairs a document with its other revision.
type key struct{ kind, id string }

// Compare returns the changes of head against base, sorted by file, index,
// rule and path. Documents pair by kind and metadata.id, never by file, so a
// renamed or moved file compares with its base version; a document without
// a kind or an id pairs with nothing. When base holds a kind and id twice
// (an inventory/unique-id finding), the first in the order given pairs;
// every head document of that kind and id compares with it. A head
// document new in this change compares with nothing: only
// change/third-party-added can fire on it. A base ThirdParty the head
// deleted fires change/removed on every head Interface whose
// spec.thirdParty still names it, and a base System the head deleted on
// every end of a head Interface's data flows that still names it.
//
// The caller passes every document it loaded on each side, in file then
// index order, schema-invalid ones too (a ThirdParty the head still holds,
// however broken, is not deleted), and drops the changes on a head
// document that is schema-invalid, as it does every other rule's findings
// there. Compare tolerates any value and never panics.
func Compare(base, head []*inventory.Document) []Change {
	all := CompareAll(base, head)
	out := all[:0]
	for _, c := range all {
		if c.Ticket == "" {
			out = append(out, c)
		}
	}
	return out
}

// CompareAll is Compare with the changes of documents that name a change
// ticket too, each with its Ticket: what a reviewer reads as the change's
// security-relevant changes and the tickets that reviewed them.
func CompareAll(base, head []*inventory.Document) []Change {
	byKey := map[key]*inventory.Document{}
	for _, d := range base {
		if d == nil || d.Kind == "" || d.ID == "" {
			continue
		}
		if _, ok := byKey[key{d.Kind, d.ID}]; !ok {
			byKey[key{d.Kind, d.ID}] = d
		}
	}
	inHead := map[key]bool{}
	for _, d := range head {
		if d != nil && d.Kind != "" && d.ID != "" {
			inHead[key{d.Kind, d.ID}] = true
		}
	}
	var out []Change
	for _, d := range head {
		if d == nil || d.Kind != interfaceKind {
			continue
		}
		h := d.Object()
		if _, ok := h["spec"].(map[string]any); !ok {
			continue // nothing to compare (schema/invalid)
		}
		ticket := ticketOf(h)
		before := len(out)
		var b map[string]any
		if d.ID != "" {
			if bd := byKey[key{d.Kind, d.ID}]; bd != nil {
				b = bd.Object()
			}
		}
		for _, r := range checks {
			if b == nil && r.rule != rules.ChangeThirdPartyAdded {
				continue
			}
			if path, msg, ok := r.check(b, h); ok {
				out = append(out, newChange(r.rule, msg, d, path))
			}
		}
		if tp, ok := str(h, "spec", "thirdParty"); ok && tp != "" {
			k := key{thirdPartyKind, tp}
			if byKey[k] != nil && !inHead[k] {
				out = append(out, newChange(rules.ChangeRemoved,
					fmt.Sprintf("ThirdParty %s was deleted in this change but spec.thirdParty still names it; %s", strconv.Quote(tp), ticketHint),
					d, inventory.Path{"spec", "thirdParty"}))
			}
		}
		out = append(out, flowEndsRemoved(d, h, byKey, inHead)...)
		if ticket != "" {
			for i := before; i < len(out); i++ {
				out[i].Ticket = ticket
				out[i].Message = strings.TrimSuffix(out[i].Message, "; "+ticketHint)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Index, b.Index),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Path.String(), b.Path.String()))
	})
	return out
}

// flowEndsRemoved fires change/removed on each end of a head Interface's
// data flows that names a System the change deleted: the flow rules can no
// longer resolve it, and without Systems data/flow-endpoint-known goes
// quiet, so deleting them must not pass unseen.
func flowEndsRemoved(d *inventory.Document, h map[string]any, byKey map[key]*inventory.Document, inHead map[key]bool) []Change {
	spec, _ := h["spec"].(map[string]any)
	data, _ := spec["data"].(map[string]any)
	flows, _ := data["flows"].([]any)
	var out []Change
	for i, f := range flows {
		flow, _ := f.(map[string]any)
		for _, end := range []string{"from", "to"} {
			name, _ := flow[end].(string)
			k := key{systemKind, name}
			if name == "" || byKey[k] == nil || inHead[k] {
				continue
			}
			out = append(out, newChange(rules.ChangeRemoved,
				fmt.Sprintf("System %s was deleted in this change but spec.data.flows[%d].%s still names it; %s", strconv.Quote(name), i, end, ticketHint),
				d, inventory.Path{"spec", "data", "flows", i, end}))
		}
	}
	return out
}

const (
	interfaceKind  = "Interface"
	systemKind     = "System"
	thirdPartyKind = "ThirdParty"
	ticketHint     = "name the change ticket that reviewed it in spec.changeManagement.ticket"
)

// check compares a head Interface (h) with its base version (b, nil for a
// document new in the head): the node it points at and its message when
// the rule fires.
type check struct {
	rule  string
	check func(b, h map[string]any) (inventory.Path, string, bool)
}

var checks = []check{
	{rules.ChangeExposureWidened, exposureWidened},
	{rules.ChangeAuthenticationWeakened, authenticationWeakened},
	{rules.ChangeEncryptionWeakened, encryptionWeakened},
	{rules.ChangeDataSensitivityRaised, dataSensitivityRaised},
	{rules.ChangeThirdPartyAdded, thirdPartyAdded},
}

func newChange(rule, msg string, d *inventory.Document, path inventory.Path) Change {
	return Change{
		Rule: rule, Message: msg, Doc: d,
		File: d.File, Index: d.Index, Kind: d.Kind, ID: d.ID,
		Path: existing(d.Value, path),
	}
}

// ticketOf is the document's change ticket, trimmed; "" when it names none.
func ticketOf(doc map[string]any) string {
	t, _ := str(doc, TicketPath...)
	return strings.TrimSpace(t)
}

// existing is the longest prefix of path that names a node of v.
func existing(v any, path inventory.Path) inventory.Path {
	for i, seg := range path {
		switch s := seg.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return path[:i]
			}
			if v, ok = m[s]; !ok {
				return path[:i]
			}
		case int:
			l, ok := v.([]any)
			if !ok || s < 0 || s >= len(l) {
				return path[:i]
			}
			v = l[s]
		default:
			return path[:i]
		}
	}
	return path
}

// get returns the value at the keys, or nil.
func get(v any, keys ...any) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		s, _ := k.(string)
		v = m[s]
	}
	return v
}

// str returns the string at the keys; ok is false when the node is absent
// or not a string.
func str(v map[string]any, keys ...any) (string, bool) {
	s, ok := get(v, keys...).(string)
	return s, ok
}

// isTrue reports whether the node at the keys is the boolean true.
func isTrue(v map[string]any, keys ...any) bool {
	b, _ := get(v, keys...).(bool)
	return b
}

// stringList returns the strings of the list at the keys, in order; other
// items are skipped.
func stringList(v map[string]any, keys ...any) []string {
	l, _ := get(v, keys...).([]any)
	var out []string
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// rank is a value's place in an order, -1 when the value is absent, not a
// string or not in the order.
func rank(order []string, v map[string]any, keys ...any) int {
	s, ok := str(v, keys...)
	if !ok {
		return -1
	}
	return slices.Index(order, s)
}

// joinAnd lists items as "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// reasons collects why one rule fires on a document: every reason goes in
// the one message, and the finding points at the reason's node when there
// is one, else at their common parent.
type reasons struct {
	texts []string
	paths []inventory.Path
}

func (r *reasons) add(path inventory.Path, format string, args ...any) {
	r.texts = append(r.texts, fmt.Sprintf(format, args...))
	r.paths = append(r.paths, path)
}

// result is the rule's outcome: the node (the one reason's, or the longest
// common prefix of all) and the message with the ticket hint.
func (r *reasons) result() (inventory.Path, string, bool) {
	if len(r.texts) == 0 {
		return nil, "", false
	}
	path := r.paths[0]
	for _, p := range r.paths[1:] {
		n := 0
		for n < len(path) && n < len(p) && path[n] == p[n] {
			n++
		}
		path = path[:n]
	}
	return path, joinAnd(r.texts) + "; " + ticketHint, true
}
