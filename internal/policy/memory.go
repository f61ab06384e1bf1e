package policy

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
)

// DefaultMaxMemory bounds the Go heap while policies are evaluated, when
// EngineOptions.MaxMemory is 0.
const DefaultMaxMemory = 512 << 20

// memorySampleEvery is how often the heap is sampled during evaluation.
const memorySampleEvery = 10 * time.Millisecond

// HardStopGrace is how long work past a limit is given to stop before the
// run is ended hard: the time limits, and the memory limit once the guard
// cancelled an evaluation whose heap is still over it (EngineOptions.Abort).
// Evaluation stops within milliseconds of a cancellation; only a built-in
// that computes in one Go call, without looking at it, outlasts the grace.
const HardStopGrace = ruleeval.HardStopGrace

// memoryStopMin is how long an evaluation the guard cancelled is always
// given to stop, however fast the heap grows: an evaluation that sees the
// cancellation unwinds in milliseconds, but a loaded runner (or the race
// detector) can make that much longer.
const memoryStopMin = HardStopGrace / 2

// errOverMemory is the cause an evaluation is cancelled with when the heap
// passed the limit.
var errOverMemory = errors.New("over the memory limit")

// MemoryError is a rule whose evaluation of one document took the heap past
// the limit. Rule is empty when it is not known.
type MemoryError struct {
	Rule  string
	Doc   string
	Limit int64
}

func (e *MemoryError) Error() string {
	if e.Rule == "" {
		return fmt.Sprintf("policy evaluation of %s went past the memory limit of %s (--max-memory)", e.Doc, FormatBytes(e.Limit))
	}
	return fmt.Sprintf("rule %s: evaluating %s went past the memory limit of %s (--max-memory)", e.Rule, e.Doc, FormatBytes(e.Limit))
}

// FormatBytes renders a byte count as MiB or GiB.
func FormatBytes(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// memoryGuard bounds the heap of policy evaluation. Every evaluation runs
// with a context it can cancel; while any runs, a sampler reads the heap
// every memorySampleEvery and, past the limit (after a collection, so that
// garbage does not count), cancels one of them: the one that started
// first, since an evaluation that builds a huge value runs long while the
// others take microseconds. Built-ins that build large values
// (numbers.range, net.cidr_expand) stop on cancellation too. The heap is
// the process's, so evaluations running beside the culprit count too; the
// limit is meant far above what a sane run holds. Which rule went past the
// limit is found afterwards (Engine.memoryError), so the queries carry no
// per-rule bookkeeping.
type memoryGuard struct {
	limit int64
	clock atomic.Int64 // orders evaluation starts
	// abort, when set, ends the run with the error of an evaluation the
	// guard cancelled that does not stop (overdue).
	abort func(error)

	mu       sync.Mutex
	active   map[*evalState]context.CancelCauseFunc
	sampling bool
}

// evalState is one guarded evaluation: when (guard.clock) it started.
type evalState struct {
	since     int64
	cancelled bool // by the guard; under guard.mu
	// what is the error that names the evaluation, for abort.
	what func() error
	// When the guard cancelled it, and when overdue looks at it next; the
	// sampler's own.
	cancelledAt, next time.Time
}

func newMemoryGuard(limit int64) *memoryGuard {
	return &memoryGuard{limit: limit, active: map[*evalState]context.CancelCauseFunc{}}
}

// Evaluating is a built-in that earlier versions of the engine called
// before each rule to mark which rule an evaluation was in. The engine no
// longer calls it; it stays, with no effect, so that a policy which calls
// it still compiles.
const Evaluating = "ifacelint.evaluating"

func init() {
	rego.RegisterBuiltin2(&rego.Function{
		Name:             Evaluating,
		Description:      "Internal to ifacelint's engine, unused: calling it has no effect.",
		Decl:             types.NewFunction(types.Args(types.Named("nonce", types.S), types.Named("rule", types.N)), types.Named("ok", types.B)),
		Nondeterministic: true, // never cached, never folded
	}, func(rego.BuiltinContext, *ast.Term, *ast.Term) (*ast.Term, error) {
		return ast.InternedTerm(true), nil
	})
}

// run calls eval with a context the guard may cancel; when it does, run
// returns errOverMemory. what names the evaluation if it does not stop
// (abort).
func (g *memoryGuard) run(ctx context.Context, what func() error, eval func(context.Context) ([]Finding, error)) ([]Finding, error) {
	st := &evalState{since: g.clock.Add(1), what: what}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	g.mu.Lock()
	g.active[st] = cancel
	if !g.sampling {
		g.sampling = true
		go g.sample()
	}
	g.mu.Unlock()
	out, err := eval(ctx)
	g.mu.Lock()
	delete(g.active, st)
	g.mu.Unlock()
	if errors.Is(context.Cause(ctx), errOverMemory) {
		return nil, errOverMemory
	}
	return out, err
}

// sample watches the heap while evaluations run, and stops when none does.
func (g *memoryGuard) sample() {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() int64 {
		metrics.Read(samples)
		if samples[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return int64(samples[0].Value.Uint64())
	}
	tick := time.NewTicker(memorySampleEvery)
	defer tick.Stop()
	for range tick.C {
		g.mu.Lock()
		idle := len(g.active) == 0
		var waiting *evalState
		for st := range g.active {
			if st.cancelled {
				waiting = st
			}
		}
		if idle {
			g.sampling = false
		}
		g.mu.Unlock()
		if idle {
			return
		}
		if waiting != nil {
			g.overdue(waiting, heap) // one evaluation at a time is stopped
			continue
		}
		if heap() <= g.limit {
			continue
		}
		runtime.GC() // what is left is live
		if heap() <= g.limit {
			continue
		}
		g.mu.Lock()
		var culprit *evalState
		for st := range g.active {
			if culprit == nil || st.since < culprit.since {
				culprit = st
			}
		}
		if culprit != nil {
			culprit.cancelled = true
			culprit.cancelledAt = time.Now()
			g.active[culprit](errOverMemory)
		}
		g.mu.Unlock()
	}
}

// overdue ends the run (abort) when an evaluation the guard cancelled goes
// on while the heap stays over the limit: a built-in that builds a value in
// one Go call does not see the cancellation. It does once the heap passes
// twice the limit (memoryStopMin after the cancellation at the earliest),
// or is still over it HardStopGrace after the
// cancellation; in both cases after a collection, so that garbage does not
// count.
func (g *memoryGuard) overdue(st *evalState, heap func() int64) {
	now := time.Now()
	since := now.Sub(st.cancelledAt)
	if g.abort == nil || now.Before(st.next) || since < memoryStopMin {
		return
	}
	if heap() <= 2*g.limit && since < HardStopGrace {
		return
	}
	runtime.GC()
	if h := heap(); h > 2*g.limit || (h > g.limit && since >= HardStopGrace) {
		g.mu.Lock()
		_, running := g.active[st]
		g.mu.Unlock()
		if running && st.what != nil {
			g.abort(st.what())
			return
		}
	}
	st.next = now.Add(100 * time.Millisecond) // a collection at most this often
}
