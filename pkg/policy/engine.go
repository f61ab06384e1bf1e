package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	_ "github.com/ifacelint/ifacelint/pkg/builtins" // ifacelint.* built-in functions
)

// Forbidden lists the built-in functions a policy may not call: a policy
// from a pull request must not reach the network or read CI's environment.
var Forbidden = []string{"http.send", "net.lookup_ip_addr", "opa.runtime"}

// Capabilities returns this OPA version's capabilities without the
// forbidden built-ins and with no network host allowed.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		forbidden := false
		for _, f := range Forbidden {
			if b.Name == f {
				forbidden = true
			}
		}
		if !forbidden {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// EngineOptions configure an Engine.
type EngineOptions struct {
	// Modules are every parsed non-test module: rules and libraries.
	Modules []*ast.Module
	// Catalogue describes every known rule.
	Catalogue *Catalogue
	// Evaluate lists the ids of the Rego rules to evaluate. Rules computed
	// in Go and rules not in the list are never queried.
	Evaluate []string
	// Params is data.ifacelint.params: every rule's parameters.
	Params map[string]map[string]any
	// Now is the evaluation clock (time.now_ns).
	Now time.Time
}

// Engine evaluates documents with one prepared query. Eval is safe for
// concurrent use once SetInventory has been called. An Engine serves one
// inventory at a time: SetInventory replaces what every Eval sees, so two
// lint runs must not share an Engine concurrently.
type Engine struct {
	query   rego.PreparedEvalQuery // every rule in Evaluate
	secrets rego.PreparedEvalQuery // secrets/no-inline only, for schema-invalid documents
	ids     []string               // binding r<i> is rule ids[i]
	hasSec  bool
	store   *engineStore

	readsInterfaces bool // see ReadsInterfaces
	now             time.Time
}

// Finding is one raw result of a rule: a message and the path it names
// (nil when the rule returned only a string).
type Finding struct {
	Rule    string
	Message string
	Path    []any
}

// PolicyError is a policy that could not be compiled or evaluated.
type PolicyError struct{ Err error }

func (e *PolicyError) Error() string { return e.Err.Error() }
func (e *PolicyError) Unwrap() error { return e.Err }

// ErrTimeout is returned when evaluation exceeds its time limit.
var ErrTimeout = errors.New("policy evaluation timed out")

// NewEngine compiles the modules and prepares the queries. The inventory
// data is written later (SetInventory), so compilation can overlap with
// loading the inventory.
func NewEngine(ctx context.Context, opts EngineOptions) (*Engine, error) {
	data := map[string]any{"ifacelint": Data(opts.Catalogue, opts.Params, nil)}
	store := &engineStore{Store: inmem.NewFromObjectWithOpts(roundTrip(data), inmem.OptRoundTripOnWrite(false))}

	e := &Engine{store: store, now: opts.Now}
	ids := append([]string(nil), opts.Evaluate...)
	sort.Strings(ids)
	var parts []string
	for _, id := range ids {
		rule := opts.Catalogue.Get(id)
		if rule == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
		parts = append(parts, fmt.Sprintf("r%d := [f | some f in data.%s.deny]", len(e.ids), rule.Package))
		e.ids = append(e.ids, id)
		if id == SecretsNoInline {
			e.hasSec = true
		}
	}
	if len(parts) == 0 {
		parts = []string{"true"}
	}
	// Compile once; both prepared queries share the compiler.
	compiler, err := Compile(opts.Modules)
	if err != nil {
		return nil, err
	}
	e.readsInterfaces = readsInterfaces(compiler)
	prepare := func(query string) (rego.PreparedEvalQuery, error) {
		pq, err := rego.New(
			rego.Query(query),
			rego.Compiler(compiler),
			rego.Store(store),
			rego.Capabilities(compiler.Capabilities()),
			rego.StrictBuiltinErrors(true),
			rego.SetRegoVersion(ast.RegoV1),
		).PrepareForEval(ctx)
		if err != nil {
			return pq, &PolicyError{fmt.Errorf("prepare policy query: %s", FormatError(err))}
		}
		return pq, nil
	}
	if e.query, err = prepare(strings.Join(parts, "; ")); err != nil {
		return nil, err
	}
	if e.hasSec {
		rule := opts.Catalogue.Get(SecretsNoInline)
		if e.secrets, err = prepare("r0 := [f | some f in data." + rule.Package + ".deny]"); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// roundTrip turns Go values into the JSON-shaped values the store expects.
func roundTrip(v map[string]any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain maps, strings and numbers come here
	}
	var out map[string]any
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		panic(err)
	}
	return out
}

// SetInventory writes data.ifacelint.inventory (and drops a compact one).
func (e *Engine) SetInventory(ctx context.Context, inv map[string]any) error {
	e.store.inv.Store(nil)
	return storage.WriteOne(ctx, e.store.Store, storage.ReplaceOp, inventoryPath, inv)
}

// EvalLocal evaluates one document as Eval does and reports whether the
// evaluation read data.ifacelint.inventory. When it did not, the findings
// (or the error) do not depend on the inventory, so they are final whatever
// the inventory holds, even before SetInventory: a lint run evaluates most
// documents while it still builds the index, and again, once the index is
// complete, only those whose evaluation read it.
func (e *Engine) EvalLocal(ctx context.Context, doc any, valid bool) (findings []Finding, readInventory bool, err error) {
	var read bool
	findings, err = e.Eval(context.WithValue(ctx, inventoryReads{}, &read), doc, valid)
	return findings, read, err
}

// Eval evaluates one document. A schema-invalid document is evaluated by
// secrets/no-inline alone (a secret pasted into a misspelt field is still
// caught). Any runtime error is returned: the run must fail closed.
func (e *Engine) Eval(ctx context.Context, doc any, valid bool) ([]Finding, error) {
	pq, ids := e.query, e.ids
	if !valid {
		if !e.hasSec {
			return nil, nil
		}
		pq, ids = e.secrets, []string{SecretsNoInline}
	}
	// Documents hold only maps, lists, strings, bools, json.Number and nil:
	// convert them directly, without the JSON round trip EvalInput makes.
	input, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, &PolicyError{fmt.Errorf("convert the document for the policies: %w", err)}
	}
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(e.now))
	if err != nil {
		return nil, evalError(ctx, err)
	}
	if len(rs) != 1 {
		return nil, &PolicyError{errors.New("policy query returned no result")}
	}
	var out []Finding
	for i, id := range ids {
		list, ok := rs[0].Bindings[fmt.Sprintf("r%d", i)].([]any)
		if !ok {
			return nil, &PolicyError{fmt.Errorf("rule %s: deny did not evaluate to a set", id)}
		}
		for _, raw := range list {
			f, err := toFinding(id, raw)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func evalError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return &PolicyError{fmt.Errorf("policy evaluation failed: %s", FormatError(err))}
}

// Compile compiles modules against the sandboxed capabilities.
func Compile(mods []*ast.Module) (*ast.Compiler, error) {
	compiler := ast.NewCompiler().WithCapabilities(Capabilities())
	byName := make(map[string]*ast.Module, len(mods))
	for i, m := range mods {
		name := fmt.Sprintf("module%d", i)
		if m.Package.Location != nil && m.Package.Location.File != "" {
			name = m.Package.Location.File
		}
		byName[name] = m
	}
	compiler.Compile(byName)
	if compiler.Failed() {
		return nil, &PolicyError{listError("compile policies", compiler.Errors)}
	}
	return compiler, nil
}

// errorList is a heading and a list of OPA errors: Lines gives one line per
// error, so the command line escapes each line without joining a forged
// line from a file name or policy text to them.
type errorList struct {
	head string
	err  error
}

// listError returns err under a heading, one OPA error per line.
func listError(head string, err error) error { return &errorList{head, err} }

func (e *errorList) Error() string { return e.head + ":\n" + FormatError(e.err) }
func (e *errorList) Unwrap() error { return e.err }

// Lines returns the heading and one line per error.
func (e *errorList) Lines() []string {
	var astErrs ast.Errors
	if !errors.As(e.err, &astErrs) {
		return []string{e.head + ":", FormatError(e.err)}
	}
	lines := []string{e.head + ":"}
	for _, a := range astErrs {
		lines = append(lines, FormatError(a))
	}
	return lines
}

// FormatError renders OPA errors as `file:line:col: message`, one per line;
// OPA's own rendering drops the column.
func FormatError(err error) string {
	var astErrs ast.Errors
	if errors.As(err, &astErrs) {
		lines := make([]string, 0, len(astErrs))
		for _, e := range astErrs {
			lines = append(lines, formatAt(e.Location, e.Code+": "+e.Message))
		}
		return strings.Join(lines, "\n")
	}
	var astErr *ast.Error
	if errors.As(err, &astErr) {
		return formatAt(astErr.Location, astErr.Code+": "+astErr.Message)
	}
	var topErr *topdown.Error
	if errors.As(err, &topErr) {
		return formatAt(topErr.Location, topErr.Code+": "+topErr.Message)
	}
	return err.Error()
}

func formatAt(loc *ast.Location, msg string) string {
	if loc == nil {
		return msg
	}
	// OPA reports column 0 at the end of a file; columns here are 1-based.
	return fmt.Sprintf("%s:%d:%d: %s", loc.File, max(loc.Row, 1), max(loc.Col, 1), msg)
}

// toFinding reads a finding: a string, or an object with a string msg and
// an optional path of keys and indexes.
func toFinding(rule string, raw any) (Finding, error) {
	switch v := raw.(type) {
	case string:
		return Finding{Rule: rule, Message: v}, nil
	case map[string]any:
		msg, ok := v["msg"].(string)
		if !ok {
			return Finding{}, &PolicyError{fmt.Errorf("rule %s: a finding object needs a string msg, got %s", rule, compact(raw))}
		}
		f := Finding{Rule: rule, Message: msg}
		if p, ok := v["path"]; ok {
			path, err := toPath(p)
			if err != nil {
				return Finding{}, &PolicyError{fmt.Errorf("rule %s: %v", rule, err)}
			}
			f.Path = path
		}
		return f, nil
	}
	return Finding{}, &PolicyError{fmt.Errorf("rule %s: a finding must be a string or {msg, path}, got %s", rule, compact(raw))}
}

func toPath(p any) ([]any, error) {
	list, ok := p.([]any)
	if !ok {
		return nil, fmt.Errorf("a finding's path must be a list of keys and indexes, got %s", compact(p))
	}
	out := make([]any, len(list))
	for i, seg := range list {
		switch s := seg.(type) {
		case string:
			out[i] = s
		case json.Number:
			n, err := s.Int64()
			if err != nil || n < 0 {
				return nil, fmt.Errorf("a finding's path index must be a whole number, got %s", s)
			}
			out[i] = int(n)
		default:
			return nil, fmt.Errorf("a finding's path must hold only keys and indexes, got %s", compact(seg))
		}
	}
	return out, nil
}

func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}
