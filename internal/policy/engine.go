package policy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/ifacelint/ifacelint/internal/builtins"
	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/internal/waiver"
)

// Forbidden lists the built-in functions a policy may not call, each with
// the reason: a policy from a pull request must not reach the network, read
// the runner's environment or files, or make two runs differ. A policy that
// calls one does not compile. The review of every other built-in is in
// docs/custom-policies.md.
var Forbidden = map[string]string{
	"http.send":              "network access",
	"net.lookup_ip_addr":     "network access (DNS)",
	"opa.runtime":            "reads the environment variables and configuration of the runner",
	"rand.intn":              "random: two runs would differ",
	"uuid.rfc4122":           "random: two runs would differ",
	"io.jwt.encode_sign":     "random for ECDSA and RSA-PSS signatures: two runs would differ",
	"io.jwt.encode_sign_raw": "random for ECDSA and RSA-PSS signatures: two runs would differ",
	"crypto.x509.parse_and_verify_certificates":              "verifies against the wall clock, not the evaluation date",
	"crypto.x509.parse_and_verify_certificates_with_options": "verifies against the wall clock unless told otherwise",
	"strings.render_template":                                "runs a Go template in one call that cannot be stopped: nested ranges, or a range over a large number, outrun the time and memory limits",
}

// explainForbidden adds to a compile error about an undefined function that
// the sandbox removed that it is not allowed, and why.
func explainForbidden(errs ast.Errors) {
	for _, e := range errs {
		name, ok := strings.CutPrefix(e.Message, "undefined function ")
		if !ok {
			continue
		}
		if why, forbidden := Forbidden[name]; forbidden {
			e.Message += " (not allowed in ifacelint's sandbox: " + why + ")"
		}
	}
}

// Capabilities returns this OPA version's capabilities without the
// forbidden built-ins and with no network host allowed.
func Capabilities() *ast.Capabilities {
	builtins.Register() // before OPA lists what is registered
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if _, forbidden := Forbidden[b.Name]; !forbidden {
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
	// Digest identifies the modules' source (Set.Digest) for Fingerprint;
	// empty, the engine digests the parsed modules itself.
	Digest string
	// BuiltinOnly says that Modules are the binary's built-in modules and
	// nothing else (Set.BuiltinOnly): the engine then compiles them
	// without OPA's type check, which only reports errors, which the
	// built-in modules have none of (TestBuiltinsCompileWithEveryStage),
	// and which evaluation does not read for them. Any other module is
	// type-checked with them.
	BuiltinOnly bool
	// Evaluate lists the ids of the Rego rules to evaluate. Rules computed
	// in Go and rules not in the list are never queried.
	Evaluate []string
	// Params is data.ifacelint.params: every rule's parameters.
	Params map[string]map[string]any
	// Now is the evaluation clock (time.now_ns).
	Now time.Time
	// MaxMemory bounds the Go heap, in bytes, while documents are
	// evaluated: past it, the evaluation stops with a MemoryError naming the
	// rule. 0 means DefaultMaxMemory; negative means no limit.
	MaxMemory int64
	// Abort, when set, is called with the MemoryError (in a PolicyError)
	// of an evaluation that the memory limit cancelled and that goes on
	// with the heap over the limit (memoryGuard.overdue): a built-in that
	// does not see the cancellation. It must end the run; it is called
	// from another goroutine than the evaluation's.
	Abort func(error)
}

// Engine evaluates documents with one prepared query. Eval is safe for
// concurrent use once SetInventory has been called. An Engine serves one
// inventory at a time: SetInventory replaces what every Eval sees, so two
// lint runs must not share an Engine concurrently.
type Engine struct {
	byKind  map[string]*kindQuery // the rules of Evaluate that apply to each document kind
	secrets *kindQuery            // secrets/no-inline only (or nothing), for schema-invalid documents
	store   *engineStore

	readsInterfaces bool            // see ReadsInterfaces
	invRules        map[string]bool // see ReadsInventory
	setRules        map[string]bool // rules whose deny is always a set (setRules)
	now             time.Time
	waivers         waiver.Policy   // see Waivers
	fingerprint     func() [32]byte // see Fingerprint

	compiler  *ast.Compiler
	catalogue *Catalogue
	mem       *memoryGuard // nil: no memory limit
	shapeMu   sync.Mutex
	shapes    map[string]rego.PreparedEvalQuery // see shapeQuery
	single    map[string]*kindQuery             // see ruleQuery
}

// Finding is one raw result of a rule: a message and the path it names
// (nil when the rule returned only a string). It is ruleeval.Result, so
// that a caller drives the engine without importing OPA.
type Finding = ruleeval.Result

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

	e := &Engine{store: store, now: opts.Now, waivers: waiverPolicy(opts)}
	switch {
	case opts.MaxMemory == 0:
		e.mem = newMemoryGuard(DefaultMaxMemory)
	case opts.MaxMemory > 0:
		e.mem = newMemoryGuard(opts.MaxMemory)
	}
	if e.mem != nil {
		e.mem.abort = opts.Abort
	}
	ids := append([]string(nil), opts.Evaluate...)
	sort.Strings(ids)
	for _, id := range ids {
		if opts.Catalogue.Get(id) == nil {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
	}
	// Compile once; both prepared queries share the compiler.
	var compiler *ast.Compiler
	err := bounded(ctx, func() (err error) {
		compiler, err = compile(opts.Modules, opts.BuiltinOnly)
		return err
	})
	if err != nil {
		return nil, err
	}
	e.readsInterfaces = readsInterfaces(compiler)
	e.invRules = inventoryRules(compiler, opts.Catalogue, ids)
	e.setRules = setRules(compiler, opts.Catalogue, ids)
	e.fingerprint = sync.OnceValue(func() [32]byte { return fingerprint(opts, ids, compiler) }) // only a run with the cache needs it
	e.compiler, e.catalogue = compiler, opts.Catalogue
	// One query per document kind, of the rules that apply to it (METADATA
	// custom.kinds): Interface's now, as most documents are Interfaces; the
	// others when a document of their kind first comes, or Interface's
	// when they hold the same rules.
	e.byKind = map[string]*kindQuery{}
	for _, kind := range DocumentKinds {
		var kindIDs []string
		for _, id := range ids {
			if opts.Catalogue.Get(id).AppliesTo(kind) {
				kindIDs = append(kindIDs, id)
			}
		}
		if first := e.byKind[DocumentKinds[0]]; first != nil && slices.Equal(first.ids, kindIDs) {
			e.byKind[kind] = first
			continue
		}
		e.byKind[kind] = &kindQuery{ids: kindIDs}
	}
	if err := e.byKind[DocumentKinds[0]].prepare(ctx, e); err != nil {
		return nil, err
	}
	e.secrets = &kindQuery{}
	if slices.Contains(ids, SecretsNoInline) {
		e.secrets.ids = []string{SecretsNoInline}
		if err := e.secrets.prepare(ctx, e); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// StartEngine begins NewEngine in the background and returns a function
// that waits for its result, so that compiling the policies overlaps other
// work (a lint run walks the inventory meanwhile: lint.Options.Compile).
// The function may be called any number of times.
func StartEngine(ctx context.Context, opts EngineOptions) func() (*Engine, error) {
	var (
		engine *Engine
		err    error
		done   = make(chan struct{})
	)
	go func() {
		defer close(done)
		engine, err = NewEngine(ctx, opts)
	}()
	return func() (*Engine, error) {
		<-done
		return engine, err
	}
}

// Fingerprint is a digest of what the engine's results depend on besides
// the document, the inventory and the policies' source: the rules it
// evaluates, their parameters, the catalogue (severities, controls) and the
// evaluation date, or the exact clock when a module other than the
// built-in library reads it (time.now_ns), as a policy may then change its
// result within a day, and the memory limit, past which a result is an
// error instead. A cache keys its entries by it.
func (e *Engine) Fingerprint() [32]byte { return e.fingerprint() }

func fingerprint(opts EngineOptions, ids []string, compiler *ast.Compiler) [32]byte {
	clock := any(waiver.Today(opts.Now))
	if readsClock(compiler) {
		clock = opts.Now.UnixNano()
	}
	var rules []Rule
	if opts.Catalogue != nil {
		for _, r := range opts.Catalogue.Rules {
			rules = append(rules, *r)
		}
	}
	digest := opts.Digest
	if digest == "" {
		h := sha256.New()
		for _, m := range opts.Modules {
			h.Write([]byte(m.String()))
		}
		digest = hex.EncodeToString(h.Sum(nil))
	}
	memory := opts.MaxMemory
	switch {
	case memory == 0:
		memory = DefaultMaxMemory
	case memory < 0:
		memory = -1
	}
	b, err := json.Marshal(map[string]any{"policies": digest, "evaluate": ids, "params": opts.Params, "clock": clock, "catalogue": rules, "memory": memory})
	if err != nil {
		panic("policy: fingerprint: " + err.Error()) // plain data only
	}
	return sha256.Sum256(b)
}

// libPath is the built-in library's package.
var libPath = ast.MustParseRef("data.ifacelint.lib")

// readsClock reports whether a module other than the built-in library calls
// time.now_ns.
func readsClock(c *ast.Compiler) bool {
	found := false
	for _, m := range c.Modules {
		if m.Package.Path.Equal(libPath) {
			continue
		}
		ast.WalkTerms(m, func(t *ast.Term) bool {
			if ref, ok := t.Value.(ast.Ref); ok && ref.String() == "time.now_ns" {
				found = true
			}
			return found
		})
		if found {
			return true
		}
	}
	return false
}

// Waivers returns what the engine decides waivers by: the evaluation date,
// waiver/invalid's maxDays and the catalogue's rules. Policy.Evaluated is
// left for the run to set.
func (e *Engine) Waivers() waiver.Policy { return e.waivers }

func waiverPolicy(opts EngineOptions) waiver.Policy {
	maxDays := -1.0 // no limit without the parameter, as an undefined Rego value would
	switch v := opts.Params[WaiverInvalid]["maxDays"].(type) {
	case json.Number:
		if f, err := v.Float64(); err == nil {
			maxDays = f
		}
	case float64:
		maxDays = v
	case int:
		maxDays = float64(v)
	case int64:
		maxDays = float64(v)
	}
	cat := opts.Catalogue
	return waiver.Policy{
		Today:   waiver.Today(opts.Now),
		MaxDays: maxDays,
		Known:   func(id string) bool { return cat.Get(id) != nil },
	}
}

// prepare prepares a query against the engine's compiler and store.
func (e *Engine) prepare(ctx context.Context, query string) (rego.PreparedEvalQuery, error) {
	pq, err := rego.New(
		rego.Query(query),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.Capabilities(e.compiler.Capabilities()),
		rego.StrictBuiltinErrors(true),
		rego.SetRegoVersion(ast.RegoV1),
	).PrepareForEval(ctx)
	if err != nil {
		return pq, &PolicyError{fmt.Errorf("prepare policy query: %s", FormatError(err))}
	}
	return pq, nil
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
	var log readLog
	findings, err = e.Eval(context.WithValue(ctx, inventoryReads{}, &log), doc, valid)
	return findings, log.read, err
}

// EvalTracked evaluates one document as Eval does and returns what the
// evaluation read of data.ifacelint.inventory, as sorted paths below it cut
// to kind and id: "" for the whole inventory, "ThirdParty" for every
// ThirdParty, "ThirdParty" + ReadSep + "acme" for one (whether or not it
// exists). The
// findings depend on the inventory only through these, so a cache may keep
// them while the entries at these paths are unchanged. nil: nothing read.
func (e *Engine) EvalTracked(ctx context.Context, doc any, valid bool) (findings []Finding, reads []string, err error) {
	log := readLog{track: true}
	findings, err = e.Eval(context.WithValue(ctx, inventoryReads{}, &log), doc, valid)
	if !log.read {
		return findings, nil, err
	}
	return findings, log.list(), err
}

// EvalEarly evaluates one document before the index is complete, as
// EvalTracked does, reading of data.ifacelint.inventory only what early
// answers as final (ruleeval.Early). final reports whether every read was
// such: then the findings and reads are those EvalTracked gives once the
// index is complete, provided that its entries of early's kinds are
// early's (the caller checks). Otherwise (final false) the evaluation read
// what early does not answer and is EvalLocal's that read the inventory:
// only the findings of the rules that cannot read it hold.
func (e *Engine) EvalEarly(ctx context.Context, doc any, valid bool, early *ruleeval.Early) (findings []Finding, reads []string, final bool, err error) {
	log := readLog{track: true, early: early}
	findings, err = e.Eval(context.WithValue(ctx, inventoryReads{}, &log), doc, valid)
	if log.missed {
		return findings, nil, false, err
	}
	if !log.read {
		return findings, nil, true, err
	}
	return findings, log.list(), true, err
}

// Eval evaluates one document. A schema-invalid document is evaluated by
// secrets/no-inline alone (a secret pasted into a misspelt field is still
// caught). Any runtime error is returned: the run must fail closed.
func (e *Engine) Eval(ctx context.Context, doc any, valid bool) ([]Finding, error) {
	if e.mem == nil {
		return e.eval(ctx, doc, valid)
	}
	what := func() error {
		me := &MemoryError{Doc: docLabel(doc), Limit: e.mem.limit}
		if ids := e.queryFor(ctx, doc, valid).ids; len(ids) == 1 {
			me.Rule = ids[0]
		}
		return wherePolicyError(ctx, me)
	}
	out, err := e.mem.run(ctx, what, func(ctx context.Context) ([]Finding, error) { return e.eval(ctx, doc, valid) })
	if errors.Is(err, errOverMemory) {
		return nil, &PolicyError{e.memoryError(ctx, doc, valid)}
	}
	return out, err
}

// memoryError names the rule whose evaluation of doc went past the memory
// limit. The queries do not say which rule they are in (marking it cost
// every evaluation a built-in call per rule), so the rules are evaluated
// again one at a time, under the same guard, until one goes past it. Rule
// is empty when none does alone (evaluations beside this one filled the
// heap) or the run ends first.
func (e *Engine) memoryError(ctx context.Context, doc any, valid bool) *MemoryError {
	me := &MemoryError{Doc: docLabel(doc), Limit: e.mem.limit}
	ids := e.queryFor(ctx, doc, valid).ids
	if len(ids) == 1 {
		me.Rule = ids[0]
		return me
	}
	input, err := ast.InterfaceToValue(doc)
	if err != nil {
		return me
	}
	for _, id := range ids {
		kq := e.ruleQuery(id)
		if err := kq.prepare(ctx, e); err != nil {
			return me
		}
		what := func() error { return wherePolicyError(ctx, &MemoryError{Rule: id, Doc: me.Doc, Limit: me.Limit}) }
		_, err := e.mem.run(ctx, what, func(ctx context.Context) ([]Finding, error) {
			return e.evalQuery(ctx, kq.pq, kq.ids, input, doc)
		})
		if errors.Is(err, errOverMemory) {
			me.Rule = id
			return me
		}
		if ctx.Err() != nil {
			return me
		}
	}
	return me
}

// WithWhere returns ctx with where the document evaluated under it is
// ("file: document 2"), for the error that ends a run whose evaluation
// does not stop at the memory limit (EngineOptions.Abort): the same text
// as the error the caller would have returned.
func WithWhere(ctx context.Context, where fmt.Stringer) context.Context {
	return ruleeval.WithWhere(ctx, where)
}

// wherePolicyError is err as a PolicyError, after where ctx says the
// document is.
func wherePolicyError(ctx context.Context, err error) error {
	if where, ok := ruleeval.Where(ctx); ok {
		err = fmt.Errorf("%s: %w", where, err)
	}
	return &PolicyError{err}
}

// ruleQuery returns the query of one rule alone, made once.
func (e *Engine) ruleQuery(id string) *kindQuery {
	e.shapeMu.Lock()
	defer e.shapeMu.Unlock()
	kq, ok := e.single[id]
	if !ok {
		kq = &kindQuery{ids: []string{id}}
		if e.single == nil {
			e.single = map[string]*kindQuery{}
		}
		e.single[id] = kq
	}
	return kq
}

func (e *Engine) eval(ctx context.Context, doc any, valid bool) ([]Finding, error) {
	kq := e.queryFor(ctx, doc, valid)
	if len(kq.ids) == 0 {
		return nil, nil
	}
	if err := kq.prepare(ctx, e); err != nil {
		return nil, err
	}
	pq, ids := kq.pq, kq.ids
	// Documents hold only maps, lists, strings, bools, json.Number and nil:
	// convert them directly, without the JSON round trip EvalInput makes.
	input, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, &PolicyError{fmt.Errorf("convert the document for the policies: %w", err)}
	}
	return e.evalQuery(ctx, pq, ids, input, doc)
}

// kindQuery is the prepared query of the rules that apply to one kind of
// document; binding r<i> is rule ids[i]. It is prepared once, when first
// needed.
type kindQuery struct {
	ids  []string
	once sync.Once
	pq   rego.PreparedEvalQuery
	err  error

	invOnce sync.Once
	inv     *kindQuery // the rules of ids that may read the inventory
}

func (k *kindQuery) prepare(ctx context.Context, e *Engine) error {
	k.once.Do(func() {
		parts := make([]string, len(k.ids))
		for i, id := range k.ids {
			parts[i] = e.denyQuery(i, id)
		}
		if len(parts) == 0 {
			parts = []string{"true"}
		}
		k.pq, k.err = e.prepare(ctx, strings.Join(parts, "; "))
	})
	return k.err
}

// queryFor returns the query for a document: for a schema-valid one, that
// of its kind (a valid document is of a known kind; anything else gets the
// first kind's, which holds every rule that does not name its kinds); for
// an invalid one, secrets/no-inline's (no rule when it is not evaluated).
// When ctx asks for the rules that may read the inventory only
// (EvalInventoryRules), the query of those among them.
func (e *Engine) queryFor(ctx context.Context, doc any, valid bool) *kindQuery {
	var kq *kindQuery
	if valid {
		m, _ := doc.(map[string]any)
		kind, _ := m["kind"].(string)
		var ok bool
		if kq, ok = e.byKind[kind]; !ok {
			kq = e.byKind[DocumentKinds[0]]
		}
	} else {
		kq = e.secrets
	}
	if only, _ := ctx.Value(inventoryRulesOnly{}).(bool); only {
		return kq.inventoryOnly(e)
	}
	return kq
}

// inventoryOnly returns the query of the rules of k that may read the
// inventory, made once.
func (k *kindQuery) inventoryOnly(e *Engine) *kindQuery {
	k.invOnce.Do(func() {
		var ids []string
		for _, id := range k.ids {
			if e.invRules[id] {
				ids = append(ids, id)
			}
		}
		if slices.Equal(ids, k.ids) {
			k.inv = k
			return
		}
		k.inv = &kindQuery{ids: ids}
		k.inv.inv = k.inv
		k.inv.invOnce.Do(func() {})
	})
	return k.inv
}

// evalQuery evaluates a prepared query whose binding r<i> is rule ids[i].
func (e *Engine) evalQuery(ctx context.Context, pq rego.PreparedEvalQuery, ids []string, input ast.Value, doc any) ([]Finding, error) {
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(e.now))
	if err != nil {
		return nil, evalError(ctx, err)
	}
	if len(rs) != 1 {
		// Some rule's deny is undefined or not a set: find which.
		return nil, e.shapeError(ctx, ids, input, doc)
	}
	var out []Finding
	for i, id := range ids {
		list, ok := rs[0].Bindings[fmt.Sprintf("r%d", i)].([]any)
		if !ok {
			return nil, &PolicyError{fmt.Errorf("rule %s: deny could not be read, evaluating %s", id, docLabel(doc))}
		}
		for _, raw := range list {
			f, err := toFinding(id, raw)
			if err != nil {
				return nil, fmt.Errorf("%w, evaluating %s", err, docLabel(doc))
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// denyQuery binds r<i> to the rule's deny and requires it to be a set:
// when a deny is undefined or anything else, the query has no result and
// shapeError finds the rule. Iterating deny instead ([f | some f in deny])
// would take the values of an object or an array for findings and make a
// string or a number no finding at all. A deny made of `deny contains`
// rules only is always a set (empty when no body holds): it is not
// checked.
func (e *Engine) denyQuery(i int, id string) string {
	q := fmt.Sprintf("r%d := %s", i, denyRef(e.catalogue.Get(id)))
	if !e.setRules[id] {
		q += fmt.Sprintf("; is_set(r%d)", i)
	}
	return q
}

// shapeError evaluates each rule's deny alone, with its type, and returns
// the error of the first that is not a set.
func (e *Engine) shapeError(ctx context.Context, ids []string, input ast.Value, doc any) error {
	for _, id := range ids {
		pq, err := e.shapeQuery(ctx, id)
		if err != nil {
			return err
		}
		rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(e.now))
		if err != nil {
			return evalError(ctx, err)
		}
		if len(rs) != 1 {
			continue
		}
		if _, err := denySet(rs[0].Bindings["r"]); err != nil {
			return &PolicyError{fmt.Errorf("rule %s: %v, evaluating %s", id, err, docLabel(doc))}
		}
	}
	return &PolicyError{errors.New("policy query returned no result")}
}

// shapeQuery prepares, once per rule, the query that binds r to what its
// deny evaluates to, with its type: [] when it is undefined, else
// [[type_name(deny), deny]].
func (e *Engine) shapeQuery(ctx context.Context, id string) (rego.PreparedEvalQuery, error) {
	e.shapeMu.Lock()
	defer e.shapeMu.Unlock()
	if pq, ok := e.shapes[id]; ok {
		return pq, nil
	}
	rule := e.catalogue.Get(id)
	if rule == nil {
		return rego.PreparedEvalQuery{}, fmt.Errorf("unknown rule %q", id)
	}
	pq, err := e.prepare(ctx, fmt.Sprintf("r := [[type_name(d), d] | d := %s]", denyRef(rule)))
	if err != nil {
		return pq, err
	}
	if e.shapes == nil {
		e.shapes = map[string]rego.PreparedEvalQuery{}
	}
	e.shapes[id] = pq
	return pq, nil
}

// denySet checks a shapeQuery binding: deny must be a set.
func denySet(binding any) ([]any, error) {
	outer, ok := binding.([]any)
	if !ok || len(outer) > 1 {
		return nil, errors.New("deny could not be read")
	}
	if len(outer) == 0 {
		return nil, errors.New("deny is undefined: define it as a set of findings (deny contains finding if { … })")
	}
	pair, ok := outer[0].([]any)
	if !ok || len(pair) != 2 {
		return nil, errors.New("deny could not be read")
	}
	if t, _ := pair[0].(string); t != "set" {
		return nil, fmt.Errorf("deny is %s %s, not a set of findings (strings or {msg, path} objects)", article(t), compact(pair[1]))
	}
	list, ok := pair[1].([]any)
	if !ok {
		return nil, errors.New("deny could not be read")
	}
	return list, nil
}

func article(typeName string) string {
	switch typeName {
	case "array", "object":
		return "an " + typeName
	case "null":
		return typeName
	}
	return "a " + typeName
}

var plainKind = regexp.MustCompile(`^[A-Za-z]{1,40}$`)

// docLabel names a document in a message: its kind and id when it has them.
func docLabel(doc any) string {
	m, _ := doc.(map[string]any)
	kind, _ := m["kind"].(string)
	meta, _ := m["metadata"].(map[string]any)
	id, _ := meta["id"].(string)
	if !plainKind.MatchString(kind) && kind != "" {
		kind = quoteLimited(kind)
	}
	switch {
	case kind != "" && id != "":
		return fmt.Sprintf("%s %s", kind, quoteLimited(id))
	case kind != "":
		return fmt.Sprintf("a %s document without id", kind)
	}
	return "the document"
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

// Compile compiles modules against the sandboxed capabilities, with every
// stage of OPA's compiler.
func Compile(mods []*ast.Module) (*ast.Compiler, error) { return compile(mods, false) }

// uncheckedStages are the compiler stages left out for the built-in
// modules alone (EngineOptions.BuiltinOnly), each of which only looks for
// errors those modules do not have (TestBuiltinsCompileWithEveryStage) or
// builds what evaluation does not read for them: the type check, a third
// of their compilation, whose type environment evaluation reads only to
// replace functions with `with` (no built-in module does); the checks for
// unsafe variables in rule heads, conflicting rules, recursion and calls
// to functions without a value; and the capabilities a policy needs.
// Every stage that rewrites the modules, and the sandbox's checks of the
// functions called, still run.
var uncheckedStages = []ast.StageID{
	ast.StageCheckTypes, ast.StageBuildRequiredCapabilities,
	ast.StageCheckSafetyRuleHeads, ast.StageCheckRuleConflicts, ast.StageCheckRecursion, ast.StageCheckVoidCalls,
}

func compile(mods []*ast.Module, builtinOnly bool) (*ast.Compiler, error) {
	compiler := ast.NewCompiler().WithCapabilities(Capabilities())
	if builtinOnly {
		compiler = compiler.WithSkipStages(uncheckedStages...)
	}
	compiler.Compile(moduleMap(mods))
	if compiler.Failed() {
		explainForbidden(compiler.Errors)
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

// moduleMap keys modules for the compiler by their position and file name.
// A module is never identified by its file name alone: a custom file with
// the same name as a built-in one (policies/transport/tls_required/tls_required.rego
// under --policy policies) is another module, loaded beside it, never in
// its place.
func moduleMap(mods []*ast.Module) map[string]*ast.Module {
	byKey := make(map[string]*ast.Module, len(mods))
	for i, m := range mods {
		name := ""
		if m.Package.Location != nil {
			name = m.Package.Location.File
		}
		byKey[fmt.Sprintf("%06d:%s", i, name)] = m
	}
	return byKey
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
			out[i] = seg // the value as it is: boxing s again would allocate for every finding
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
