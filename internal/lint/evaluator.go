package lint

import (
	"context"

	"github.com/ifacelint/ifacelint/internal/ruleeval"
	"github.com/ifacelint/ifacelint/internal/waiver"
)

// Evaluator evaluates the rules on one document at a time: what a run asks
// of the engine (internal/policy's *Engine is one). lint owns the
// interface so that it does not depend on the engine, nor on OPA.
//
// An Evaluator serves one run at a time: SetCompactInventory replaces what
// every evaluation sees.
type Evaluator interface {
	// EvalLocal evaluates a document (valid: it passed the schema; an
	// invalid one is evaluated by secrets/no-inline alone) and reports
	// whether the evaluation read data.ifacelint.inventory. When it did
	// not, the results do not depend on the inventory.
	EvalLocal(ctx context.Context, doc any, valid bool) (results []ruleeval.Result, readInventory bool, err error)
	// EvalEarly evaluates a document before the index is complete, as
	// EvalTracked does, reading only what early answers as final
	// (ruleeval.Early): with final, the results and reads are EvalTracked's
	// on a complete index whose entries of early's kinds are early's;
	// without, the evaluation is EvalLocal's that read the inventory.
	EvalEarly(ctx context.Context, doc any, valid bool, early *ruleeval.Early) (results []ruleeval.Result, reads []string, final bool, err error)
	// EvalTracked evaluates a document and returns what the evaluation
	// read of the inventory, as sorted paths cut to kind and id ("" the
	// whole inventory, "KIND" every document of a kind, "KIND" ReadSep
	// "ID" one document); nil when nothing.
	EvalTracked(ctx context.Context, doc any, valid bool) (results []ruleeval.Result, reads []string, err error)
	// EvalInventoryRules evaluates a document as EvalTracked does, with
	// only the rules that may read the inventory (ReadsInventory).
	EvalInventoryRules(ctx context.Context, doc any, valid bool) (results []ruleeval.Result, reads []string, err error)
	// ReadsInventory reports whether a rule may read the inventory.
	ReadsInventory(rule string) bool
	// ReadsInterfaces reports whether any rule may read the Interface
	// summaries of the inventory (else the index need not build them).
	ReadsInterfaces() bool

	// SetCompactInventory makes inv the inventory every evaluation sees;
	// ClearInventory drops it.
	SetCompactInventory(inv ruleeval.Inventory)
	ClearInventory()

	// Waivers is how waivers are decided: the evaluation date and the
	// waiver rules' settings.
	Waivers() waiver.Policy
	// Fingerprint is the digest of everything the results depend on
	// besides the document and the inventory (policies, parameters,
	// catalogue, evaluation date, limits), for the content cache.
	Fingerprint() [32]byte
}
