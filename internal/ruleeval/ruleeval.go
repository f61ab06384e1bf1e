// Package ruleeval is what a rule evaluator and the run that drives it
// exchange, without the evaluator: a rule's raw result, the compact
// inventory the rules read, the paths an evaluation read of it, and what an
// evaluation's context carries (where the document is, the OpenAPI
// descriptions ifacelint.openapi answers from). The engine
// (internal/policy) and its built-ins (internal/builtins) speak it; lint
// drives any evaluator that does, so it does not depend on OPA.
package ruleeval

import (
	"context"
	"fmt"
	"time"
)

// Result is one raw result of a rule: a message and the path it names
// (nil when the rule returned only a string).
type Result struct {
	Rule    string
	Message string
	Path    []any
}

// Inventory is data.ifacelint.inventory in compact form: kind → id → the
// document's JSON (ThirdParty and System documents in full, Interface summaries). A
// document is decoded only when a policy reads it, so the index of 100,000
// interfaces costs the bytes of their JSON, not a tree of Go maps five
// times that size.
type Inventory map[string]map[string][]byte

// Early is what an evaluation made before the index is complete may read
// of it as final (the engine's EvalEarly): every entry of the kinds
// Entries holds, known before the first document was evaluated, and, of
// the ThirdParty entries, to which the complete index adds whether some
// document names the supplier ("used"), those of the ids the document
// itself names (Named): they are used. Any other read of the inventory is
// not final, and the evaluation is made again once the index is complete,
// but that of a document of any kind whose id is not a PlainID: absent.
// The run that builds it checks, once the index is complete, that the
// index holds exactly Entries for those kinds.
type Early struct {
	Entries Inventory
	Named   []string
}

// PlainID reports whether id has the form of a schema-valid document's
// id: lower-case letters, digits and hyphens, not starting with a hyphen.
// Before the index is complete, an evaluation may take a document of any
// other id for absent (a flow end written external:<name> is looked up
// as one): the run that builds the Early view checks, once the index is
// complete, that it holds no such id.
func PlainID(id string) bool {
	if id == "" || id[0] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// UsedField is the field the complete index adds to each entry of
// UsedKind: true when some document names it.
const (
	UsedKind  = "ThirdParty"
	UsedField = "used"
)

// ReadSep separates kind and id in the paths an evaluation reports it read
// of the inventory (ids of schema-invalid documents may hold any other
// character).
const ReadSep = "\x00"

// HardStopGrace is how long work past a limit is given to stop before the
// run is ended hard: the time limits, and the memory limit once the guard
// cancelled an evaluation whose heap is still over it. Evaluation stops
// within milliseconds of a cancellation; only a built-in that computes in
// one Go call, without looking at it, outlasts the grace.
const HardStopGrace = 3 * time.Second

type whereKey struct{}

// WithWhere returns ctx with where the document evaluated under it is
// ("file: document 2"), for an error the evaluator reports outside the
// call (the memory limit's hard stop): the same text as the error the
// caller would have returned.
func WithWhere(ctx context.Context, where fmt.Stringer) context.Context {
	return context.WithValue(ctx, whereKey{}, where)
}

// Where is what WithWhere put in ctx, if anything.
func Where(ctx context.Context) (fmt.Stringer, bool) {
	where, ok := ctx.Value(whereKey{}).(fmt.Stringer)
	return where, ok
}

// Descriptions answers ifacelint.openapi for one evaluation.
type Descriptions interface {
	// Describe returns the facts of the description at a
	// repository-relative path; an error ends the evaluation.
	Describe(path string) (map[string]any, error)
}

type descriptionsKey struct{}

// WithDescriptions returns ctx with the Descriptions that answer
// ifacelint.openapi in evaluations run with it.
func WithDescriptions(ctx context.Context, d Descriptions) context.Context {
	return context.WithValue(ctx, descriptionsKey{}, d)
}

// DescriptionsOf is what WithDescriptions put in ctx; nil when nothing.
func DescriptionsOf(ctx context.Context) Descriptions {
	d, _ := ctx.Value(descriptionsKey{}).(Descriptions)
	return d
}
