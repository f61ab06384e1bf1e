package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
)

// Inventory is data.ifacelint.inventory in compact form (ruleeval.Inventory):
// kind → id → the document's JSON (ThirdParty and System documents in full, Interface
// summaries), decoded only when a policy reads it, so the index of 100,000
// interfaces costs the bytes of their JSON, not a tree of Go maps five
// times that size.
type Inventory ruleeval.Inventory

// ReadsInterfaces reports whether any loaded module may read the Interface
// summaries of data.ifacelint.inventory. The built-in flow rules do (a flow
// end may name an Interface: lib.flow_end); a run of custom policies alone
// that read none need not build them, and its index of 100,000 interfaces
// is a few MiB.
func (e *Engine) ReadsInterfaces() bool { return e.readsInterfaces }

// readsInterfaces looks at every reference to data in the compiled modules
// (imports are resolved by then): one that names
// data.ifacelint.inventory.Interface, one of its parents (data,
// data.ifacelint, data.ifacelint.inventory), or reaches it through a
// variable key (data.ifacelint.inventory[kind]) may read the summaries.
func readsInterfaces(compiler *ast.Compiler) bool {
	target := []string{"ifacelint", "inventory", "Interface"}
	found := false
	visit := func(r ast.Ref) bool {
		if found || len(r) == 0 || !r[0].Equal(ast.DefaultRootDocument) {
			return found
		}
		for i, want := range target {
			if i+1 >= len(r) {
				found = true // a parent: data, data.ifacelint, …
				return true
			}
			s, ok := r[i+1].Value.(ast.String)
			if !ok {
				found = true // a variable or computed key
				return true
			}
			if string(s) != want {
				return false // elsewhere in data
			}
		}
		found = true
		return true
	}
	for _, m := range compiler.Modules {
		ast.WalkRefs(m, visit)
		if found {
			return true
		}
	}
	return false
}

// SetCompactInventory makes inv the data.ifacelint.inventory every Eval
// sees, in place of what SetInventory wrote.
func (e *Engine) SetCompactInventory(inv ruleeval.Inventory) {
	compact := Inventory(inv)
	e.store.inv.Store(&compact)
}

// ClearInventory drops the compact inventory: nothing of a run outlives it
// in an engine a caller keeps (lint.Run calls it when it ends).
func (e *Engine) ClearInventory() { e.store.inv.Store(nil) }

// HoldsInventory reports whether the engine holds a compact inventory.
func (e *Engine) HoldsInventory() bool { return e.store.inv.Load() != nil }

// engineStore is the engine's store. It serves data.ifacelint.inventory
// from the compact Inventory when one is set, and notes reads of the
// inventory for the evaluations that ask (EvalLocal).
type engineStore struct {
	storage.Store
	inv atomic.Pointer[Inventory]
}

// inventoryReads is the context key of the *readLog an evaluation passes
// to the store (EvalLocal, EvalTracked).
type inventoryReads struct{}

// readLog notes an evaluation's reads of data.ifacelint.inventory: whether
// it read it, and (when paths is not nil) what, as paths below it cut to
// kind and id.
type readLog struct {
	read  bool
	track bool
	paths map[string]struct{}

	// early, when set, answers the reads of an evaluation made before the
	// index is complete (EvalEarly); missed notes a read it could not
	// answer as final.
	early  *ruleeval.Early
	missed bool
}

func (l *readLog) note(path storage.Path) {
	l.read = true
	if !l.track {
		return
	}
	var rel []string
	if len(path) > len(inventoryPath) {
		rel = path[len(inventoryPath):min(len(path), len(inventoryPath)+2)]
	}
	if l.paths == nil {
		l.paths = map[string]struct{}{}
	}
	l.paths[strings.Join(rel, ReadSep)] = struct{}{}
}

// ReadSep separates kind and id in the paths EvalTracked returns (ids of
// schema-invalid documents may hold any other character).
const ReadSep = ruleeval.ReadSep

// list returns the paths read, sorted: "" is the whole inventory, "KIND"
// every document of a kind, "KIND" ReadSep "ID" one document (or its
// absence).
func (l *readLog) list() []string {
	out := make([]string, 0, len(l.paths))
	for p := range l.paths {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

var inventoryPath = storage.Path{"ifacelint", "inventory"}

func (s *engineStore) Read(ctx context.Context, txn storage.Transaction, path storage.Path) (any, error) {
	about := aboutInventory(path)
	if log, ok := ctx.Value(inventoryReads{}).(*readLog); ok && about {
		log.note(path)
	}
	inv := s.inv.Load()
	if inv == nil && about {
		if log, ok := ctx.Value(inventoryReads{}).(*readLog); ok && log.early != nil && !log.missed {
			if v, final, err := readEarly(log.early, path); final {
				return v, err
			}
			log.missed = true // not final: the evaluation is made again with the complete index
		}
	}
	if inv == nil || !about {
		return s.Store.Read(ctx, txn, path)
	}
	if len(path) >= len(inventoryPath) {
		return inv.read(path, len(inventoryPath))
	}
	// A parent of the inventory (data, data.ifacelint): the store's value
	// with the inventory in it.
	v, err := s.Store.Read(ctx, txn, path)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return v, nil
	}
	out := make(map[string]any, len(m)+1)
	for k, x := range m {
		out[k] = x
	}
	if len(path) == 0 {
		ifl, _ := out["ifacelint"].(map[string]any)
		cp := make(map[string]any, len(ifl)+1)
		for k, x := range ifl {
			cp[k] = x
		}
		cp["inventory"] = inv.all()
		out["ifacelint"] = cp
	} else {
		out["inventory"] = inv.all()
	}
	return out, nil
}

// aboutInventory reports whether a read of path sees any of
// data.ifacelint.inventory: a path below it, or one of its parents.
func aboutInventory(path storage.Path) bool {
	for i := range min(len(path), len(inventoryPath)) {
		if path[i] != inventoryPath[i] {
			return false
		}
	}
	return true
}

// readEarly answers a read of path (below data.ifacelint.inventory or a
// parent of it) from what an evaluation before the index is complete may
// read as final (ruleeval.Early), when it can: final is false for a read
// of the whole inventory, of a kind early does not hold in full, of every
// ThirdParty (whether each is used is not known yet) or of a ThirdParty
// the document does not name.
func readEarly(early *ruleeval.Early, path storage.Path) (v any, final bool, err error) {
	if len(path) <= len(inventoryPath) {
		return nil, false, nil
	}
	rest := path[len(inventoryPath):]
	docs, ok := early.Entries[rest[0]]
	if !ok {
		if len(rest) >= 2 && !ruleeval.PlainID(rest[1]) {
			return nil, true, notFound(path) // the run checks that the index holds no such id
		}
		return nil, false, nil
	}
	used := rest[0] == ruleeval.UsedKind
	if len(rest) == 1 {
		if used {
			return nil, false, nil
		}
		return decodeAll(docs), true, nil
	}
	raw, ok := docs[rest[1]]
	if !ok {
		return nil, true, notFound(path)
	}
	if !used {
		v, err := below(decode(raw), path, rest[2:])
		return v, true, err
	}
	if !slices.Contains(early.Named, rest[1]) {
		return nil, false, nil
	}
	entry, ok := decode(raw).(map[string]any)
	if !ok {
		return nil, false, nil
	}
	entry[ruleeval.UsedField] = true // the document names it
	v, err = below(entry, path, rest[2:])
	return v, true, err
}

// read returns the value at path, whose first skip segments are the
// inventory's own path.
func (inv Inventory) read(path storage.Path, skip int) (any, error) {
	rest := path[skip:]
	if len(rest) == 0 {
		return inv.all(), nil
	}
	docs, ok := inv[rest[0]]
	if !ok {
		return nil, notFound(path)
	}
	if len(rest) == 1 {
		return decodeAll(docs), nil
	}
	raw, ok := docs[rest[1]]
	if !ok {
		return nil, notFound(path)
	}
	return below(decode(raw), path, rest[2:])
}

// below returns the value at the keys and indexes segs below v, an entry
// read for path.
func below(v any, path storage.Path, segs []string) (any, error) {
	for _, seg := range segs {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[seg]; !ok {
				return nil, notFound(path)
			}
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil, notFound(path)
			}
			v = x[i]
		default:
			return nil, notFound(path)
		}
	}
	return v, nil
}

// all decodes the whole inventory: only a policy that reads all of it (or
// all of data) pays for it.
func (inv Inventory) all() map[string]any {
	out := make(map[string]any, len(inv))
	for kind, docs := range inv {
		out[kind] = decodeAll(docs)
	}
	return out
}

func decodeAll(docs map[string][]byte) map[string]any {
	out := make(map[string]any, len(docs))
	for id, raw := range docs {
		out[id] = decode(raw)
	}
	return out
}

// decode reads JSON the index encoded itself; numbers stay json.Number,
// as in the documents policies see as input.
func decode(raw []byte) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		panic("policy: corrupt inventory index: " + err.Error()) // encoded by json.Marshal
	}
	return v
}

func notFound(path storage.Path) error {
	return &storage.Error{Code: storage.NotFoundErr, Message: path.String() + ": document does not exist"}
}
