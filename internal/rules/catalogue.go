package rules

import (
	"errors"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/ifacelint/ifacelint/internal/frameworks"
)

// The built-in rules ifacelint names in Go: those computed by the engine
// rather than evaluated from Rego, and secrets/no-inline, which still
// evaluates a schema-invalid document. Their catalogue entries come from
// METADATA like every other rule.
const (
	SchemaInvalid   = "schema/invalid"
	UniqueID        = "inventory/unique-id"
	WaiverUnused    = "waiver/unused"
	WaiverExpired   = "waiver/expired"
	WaiverInvalid   = "waiver/invalid"
	SecretsNoInline = "secrets/no-inline"
	BaselineInvalid = "baseline/invalid"

	// The change rules compare a document with its version in the base
	// revision (internal/change); they can fire only when a run has one.
	ChangeExposureWidened        = "change/exposure-widened"
	ChangeAuthenticationWeakened = "change/authentication-weakened"
	ChangeEncryptionWeakened     = "change/encryption-weakened"
	ChangeDataSensitivityRaised  = "change/data-sensitivity-raised"
	ChangeThirdPartyAdded        = "change/third-party-added"
	ChangeRemoved                = "change/removed"
	// The gate/* rules compare the head of a change with its base
	// (lint --base, internal/gate).
	GateConfigRelaxed = "gate/config-relaxed"
	GatePolicyChanged = "gate/policy-changed"
	GateWaiverAdded   = "gate/waiver-added"
	GateBaselineGrown = "gate/baseline-grown"
)

// ChangeRules are the rules computed by comparing the head revision with
// its base (internal/change), sorted.
var ChangeRules = []string{
	ChangeAuthenticationWeakened,
	ChangeDataSensitivityRaised,
	ChangeEncryptionWeakened,
	ChangeExposureWidened,
	ChangeRemoved,
	ChangeThirdPartyAdded,
}

// Computed reports whether a rule is computed by the engine in Go rather
// than evaluated from Rego (its Rego package only carries the METADATA).
func Computed(id string) bool {
	switch id {
	case SchemaInvalid, UniqueID, WaiverUnused, WaiverExpired, WaiverInvalid, BaselineInvalid,
		GateConfigRelaxed, GatePolicyChanged, GateWaiverAdded, GateBaselineGrown:
		return true
	}
	return IsChange(id)
}

// IsChange reports whether a rule compares the head revision with its base
// (one of ChangeRules): it can fire only in a run given a base revision.
func IsChange(id string) bool {
	return slices.Contains(ChangeRules, id)
}

// IsGate reports whether a rule judges a change rather than the
// inventory: the gate/* rules, which compare a change's head with its base
// (lint --base) and have nothing to say of an inventory on its own, so an
// audit report (which describes the inventory) leaves them out.
func IsGate(id string) bool {
	return strings.HasPrefix(id, "gate/")
}

// Rule is one catalogue entry.
type Rule struct {
	ID          string
	Package     string // the Rego package without the data. prefix
	Title       string
	Description string
	Trigger     string
	Remediation string
	Severity    Severity
	Controls    []string // ISO/IEC 27001:2022 Annex A (METADATA custom.controls)
	// Frameworks holds the controls of the other frameworks
	// (METADATA custom.frameworks), by framework key; a key the rule does
	// not declare is absent.
	Frameworks map[string][]string
	// Kinds are the kinds of document the engine evaluates the rule on
	// (METADATA custom.kinds); nil means every kind.
	Kinds       []string
	Params      map[string]any // defaults from METADATA custom.params
	FailExample string
	PassExample string
	// BaseExample is the base revision of the examples' document
	// (custom.examples.base), for the change/* rules: the failing and
	// passing examples are head revisions compared with it.
	BaseExample string
	// APISpecExample is the OpenAPI description the examples' spec.apiSpec
	// names (custom.examples.apiSpec), for the drift rules; usually empty.
	APISpecExample string
	File           string // module file name
	Builtin        bool
}

// Catalogue is every known rule, sorted by id.
type Catalogue struct {
	Rules []*Rule
	// User are the frameworks the config defines (frameworks: entries
	// with a catalogue file), in the order written; every rule maps each
	// of them, to nothing where neither its METADATA nor the mappings file
	// names it (AddUserFrameworks).
	User []*frameworks.Framework
	byID map[string]*Rule
}

// Framework returns the built-in or user framework with that key (or a
// built-in alias), or nil.
func (c *Catalogue) Framework(key string) *frameworks.Framework {
	if f := frameworks.Get(key); f != nil {
		return f
	}
	if c == nil {
		return nil
	}
	for _, f := range c.User {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// FrameworkKeys lists every framework: the built-in keys, then the user's.
func (c *Catalogue) FrameworkKeys() []string {
	keys := slices.Clone(frameworks.Keys)
	if c != nil {
		for _, f := range c.User {
			keys = append(keys, f.Key)
		}
	}
	return keys
}

// AddUserFrameworks makes the user's frameworks known to the catalogue and
// gives every rule an entry for each, empty unless its METADATA names one.
func (c *Catalogue) AddUserFrameworks(user []*frameworks.Framework) {
	c.User = user
	for _, r := range c.Rules {
		for _, f := range user {
			if r.Frameworks == nil {
				r.Frameworks = map[string][]string{}
			}
			if r.Frameworks[f.Key] == nil {
				r.Frameworks[f.Key] = []string{}
			}
		}
	}
}

// Get returns the rule with that id, or nil.
func (c *Catalogue) Get(id string) *Rule {
	if c == nil {
		return nil
	}
	return c.byID[id]
}

// IDs returns every rule id, sorted.
func (c *Catalogue) IDs() []string {
	out := make([]string, len(c.Rules))
	for i, r := range c.Rules {
		out[i] = r.ID
	}
	return out
}

// Evaluate returns the ids of the Rego rules an engine must evaluate when
// the rules in enabled report findings. Rules computed in Go are never
// evaluated.
func (c *Catalogue) Evaluate(enabled map[string]bool) []string {
	var out []string
	for _, r := range c.Rules {
		if Computed(r.ID) {
			continue
		}
		if enabled[r.ID] {
			out = append(out, r.ID)
		}
	}
	return out
}

// New returns an empty catalogue; Insert fills it.
func New() *Catalogue {
	return &Catalogue{byID: map[string]*Rule{}}
}

// ErrTaken is Insert's error for an id the catalogue holds already.
var ErrTaken = errors.New("rule id already defined")

// Insert adds a rule, keeping Rules sorted by id. An id already taken is
// ErrTaken, with the rule that holds it.
func (c *Catalogue) Insert(r *Rule) (*Rule, error) {
	if prev := c.byID[r.ID]; prev != nil {
		return prev, ErrTaken
	}
	c.byID[r.ID] = r
	i, _ := slices.BinarySearchFunc(c.Rules, r.ID, func(a *Rule, id string) int { return strings.Compare(a.ID, id) })
	c.Rules = slices.Insert(c.Rules, i, r)
	return nil, nil
}

// AppliesTo reports whether the engine evaluates the rule on a document of
// that kind.
func (r *Rule) AppliesTo(kind string) bool {
	return r.Kinds == nil || slices.Contains(r.Kinds, kind)
}

// Mapped returns the rule's controls in the framework with that key:
// custom.controls for ISO/IEC 27001, else its custom.frameworks entry (nil
// when the rule declares none).
func (r *Rule) Mapped(key string) []string {
	if key == frameworks.ISO27001 {
		return r.Controls
	}
	return r.Frameworks[key]
}

// Mappings returns the rule's controls in every framework, by key, each a
// non-nil list (empty where the rule maps to nothing), for the formats that
// carry them all.
func (r *Rule) Mappings() map[string][]string {
	out := make(map[string][]string, len(frameworks.Keys)+len(r.Frameworks))
	for _, key := range frameworks.Keys {
		ids := r.Mapped(key)
		if ids == nil {
			ids = []string{}
		}
		out[key] = ids
	}
	// A user framework's key (Catalogue.AddUserFrameworks).
	for key, ids := range r.Frameworks {
		if _, ok := out[key]; !ok && ids != nil {
			out[key] = ids
		}
	}
	return out
}

// Near returns the rule ids a mistyped id most likely meant: those closest
// to it by edit distance (to the id, or to its name without the category),
// when that distance is small for its length, else the ids that contain it
// or whose name it contains.
func (c *Catalogue) Near(id string) []string {
	if c == nil || id == "" {
		return nil
	}
	best, bestDist := []string(nil), max(2, len(id)/4)+1
	for _, r := range c.Rules {
		_, name, _ := strings.Cut(r.ID, "/")
		d := min(levenshtein.ComputeDistance(id, r.ID), levenshtein.ComputeDistance(id, name))
		switch {
		case d < bestDist:
			best, bestDist = []string{r.ID}, d
		case d == bestDist && best != nil:
			best = append(best, r.ID)
		}
	}
	if best != nil {
		return best
	}
	var near []string
	for _, r := range c.Rules {
		_, name, _ := strings.Cut(r.ID, "/")
		if strings.Contains(r.ID, id) || strings.Contains(id, name) {
			near = append(near, r.ID)
		}
	}
	return near
}

// DidYouMean is "; did you mean X?" (or "X or Y") for a mistyped rule id,
// or "" when nothing is near.
func (c *Catalogue) DidYouMean(id string) string {
	near := c.Near(id)
	if len(near) == 0 {
		return ""
	}
	if len(near) > 3 {
		near = near[:3]
	}
	return "; did you mean " + strings.Join(near, " or ") + "?"
}

// DocumentKinds are the kinds of document a rule may apply to.
var DocumentKinds = []string{"Interface", "ThirdParty", "System"}
