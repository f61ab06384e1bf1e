package gate

import (
	"fmt"
	"sort"

	"github.com/ifacelint/ifacelint/internal/dates"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Waiver is one waiver of a revision, where it is written.
type Waiver struct {
	waiver.Waiver        // rule, reason, approvedBy, expires; Inline for metadata.waivers
	Kind, ID      string // the document it waives
	// File is where the waiver is written: the inventory file holding the
	// document (inline), or the waiver file. A waiver-file waiver matches
	// its counterpart on the other side by file, rule, kind and id; an
	// inline one by kind, id and rule, wherever the document moved.
	File string
	// Path and Region place it in File: metadata.waivers[i] or
	// waivers[i].
	Path   inventory.Path
	Region inventory.Region
}

// InlineWaivers returns the waivers written in a document
// (metadata.waivers), placed in it.
func InlineWaivers(doc *inventory.Document) []Waiver {
	if doc == nil {
		return nil
	}
	ws := waiver.Parse(doc.Value)
	out := make([]Waiver, len(ws))
	for i, w := range ws {
		p := inventory.Path{"metadata", "waivers", i}
		r, _ := doc.LocateRegion(p)
		out[i] = Waiver{Waiver: w, Kind: doc.Kind, ID: doc.ID, File: doc.File, Path: p, Region: r}
	}
	return out
}

// FileWaivers returns the waivers of a run's waiver files
// (waiver.LoadFiles), placed in them. File is the path the file was read
// at: a caller that read the base's files elsewhere rewrites it so both
// sides name a file alike.
func FileWaivers(files *waiver.Files) []Waiver {
	var out []Waiver
	for _, e := range files.All() {
		p := inventory.Path{"waivers", e.Index}
		w := Waiver{Waiver: e.Waiver, Kind: e.Kind, ID: e.ID, Path: p}
		if e.In != nil {
			w.File = e.In.File
			w.Region, _ = e.In.LocateRegion(p)
		}
		out = append(out, w)
	}
	return out
}

// key is what a waiver matches its counterpart on the other side by.
type waiverKey struct {
	file, kind, id, rule string
}

func (w Waiver) key() waiverKey {
	if w.Inline {
		return waiverKey{kind: w.Kind, id: w.ID, rule: w.Rule}
	}
	return waiverKey{file: w.File, kind: w.Kind, id: w.ID, rule: w.Rule}
}

// WaiversAdded returns the gate/waiver-added changes: a waiver of the head
// that the base does not have (another rule, another document, another
// waiver file, or moved between a document and a waiver file), or that
// the head extends: a later expiry, or another approver. Each is at the
// head's waiver, and names its approver and expiry. Waivers of one key
// (the same rule twice on a document) compare by the latest expiry.
func WaiversAdded(base, head Side) []Change {
	before := map[waiverKey][]Waiver{}
	for _, w := range base.Waivers {
		before[w.key()] = append(before[w.key()], w)
	}
	var out []Change
	for _, w := range head.Waivers {
		var msg string
		olds, ok := before[w.key()]
		switch {
		case !ok:
			msg = fmt.Sprintf("waiver %s added, approved by %s, expires %s", describe(w), orNone(w.ApprovedBy), orNone(w.Expires))
		default:
			old := latest(olds)
			hd, hok := dates.Days(w.Expires)
			bd, bok := dates.Days(old.Expires)
			switch {
			case hok && bok && hd > bd:
				msg = fmt.Sprintf("waiver %s extended from %s to %s, approved by %s", describe(w), old.Expires, w.Expires, orNone(w.ApprovedBy))
			case !approvedByAny(olds, w.ApprovedBy):
				msg = fmt.Sprintf("waiver %s now approved by %s (was %s), expires %s", describe(w), orNone(w.ApprovedBy), orNone(old.ApprovedBy), orNone(w.Expires))
			default:
				continue
			}
		}
		out = append(out, Change{Rule: RuleWaiverAdded, Message: msg, File: w.File, Region: w.Region, Path: w.Path})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// describe names a waiver: its rule and document, and where it is written.
func describe(w Waiver) string {
	where := "in the document"
	if !w.Inline {
		where = "in waiver file " + w.File
	}
	rule := w.Rule
	if rule == "" {
		rule = "(no rule)"
	}
	return fmt.Sprintf("for %s on %s %q %s", rule, w.Kind, w.ID, where)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// latest is the waiver of a key with the latest expiry (the first one when
// none has a date).
func latest(ws []Waiver) Waiver {
	best, bestDay := ws[0], -1<<62
	for _, w := range ws {
		if d, ok := dates.Days(w.Expires); ok && d > bestDay {
			best, bestDay = w, d
		}
	}
	return best
}

func approvedByAny(ws []Waiver, approver string) bool {
	for _, w := range ws {
		if w.ApprovedBy == approver {
			return true
		}
	}
	return false
}
