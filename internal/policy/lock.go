package policy

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/ifacelint/ifacelint/internal/frameworks"
)

// LockAbout heads the catalogue lock (policies/catalogue.lock.json): what it
// is, how it is made, and the notes on the contract it holds.
const LockAbout = "The contract of every built-in rule, generated from the rules' METADATA by `make lock`; " +
	"do not edit. A change to a rule's id, severity, kinds, controls, framework mappings or parameter defaults " +
	"shows here as a diff, and the tests fail until the lock is regenerated and committed. " +
	"The product contract (SPEC §2) has forty rules; the others extend it, each documented in docs/rules.md " +
	"with its trigger: among them baseline/invalid (a baseline entry for a finding no baseline may accept), " +
	"the drift/* rules (an interface against its OpenAPI description, docs/import.md), the gate/* rules " +
	"(what a change does to the config, custom policies, waivers and baseline under lint --base, docs/gate.md), " +
	"and the rules that judge values, lifecycles, suppliers, systems and data flows. " +
	"Computed rules are decided by the engine in Go; their packages carry only the METADATA."

// LockedRule is one built-in rule's contract in the catalogue lock.
type LockedRule struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	// Kinds are the kinds of document the rule is evaluated on, every kind
	// spelled out when the METADATA names none.
	Kinds    []string `json:"kinds"`
	Controls []string `json:"controls"`
	// Frameworks holds the controls in every framework but ISO/IEC 27001
	// (Controls), by key, an empty list where the rule maps to nothing.
	Frameworks map[string][]string `json:"frameworks"`
	Params     map[string]any      `json:"params"`
	Computed   bool                `json:"computed,omitempty"`
}

// CatalogueLock is the catalogue lock: LockAbout and the built-in rules'
// contracts, sorted by id.
type CatalogueLock struct {
	About string       `json:"about"`
	Rules []LockedRule `json:"rules"`
}

// Lock returns the catalogue lock of c's built-in rules as the stable bytes
// of policies/catalogue.lock.json: indented JSON, keys sorted, rules in id
// order, a final newline.
func Lock(c *Catalogue) ([]byte, error) {
	lock := CatalogueLock{About: LockAbout, Rules: []LockedRule{}}
	for _, r := range c.Rules {
		if !r.Builtin {
			continue
		}
		l := LockedRule{
			ID:         r.ID,
			Severity:   r.Severity,
			Kinds:      []string{},
			Controls:   append([]string{}, r.Controls...),
			Frameworks: map[string][]string{},
			Params:     map[string]any{},
			Computed:   Computed(r.ID),
		}
		for _, k := range DocumentKinds {
			if r.AppliesTo(k) {
				l.Kinds = append(l.Kinds, k)
			}
		}
		for key, ids := range r.Mappings() {
			if key != frameworks.ISO27001 {
				l.Frameworks[key] = ids
			}
		}
		for name, v := range r.Params {
			l.Params[name] = v
		}
		lock.Rules = append(lock.Rules, l)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(lock); err != nil {
		return nil, fmt.Errorf("catalogue lock: %w", err)
	}
	return buf.Bytes(), nil
}
