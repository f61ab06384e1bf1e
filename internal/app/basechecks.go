package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ifacelint/ifacelint/internal/change"
	"github.com/ifacelint/ifacelint/internal/finding"
	"github.com/ifacelint/ifacelint/internal/format"
	"github.com/ifacelint/ifacelint/internal/gate"
	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// changedDocuments loads the documents the checks of a run against a base
// revision compare: those of the inventory files either side reported on
// whose bytes differ between the base (below baseDir, the mirror of the
// working directory) and the work tree, or that only one side has. Files
// with the same bytes hold the same documents on both sides and are not
// parsed again. When a ThirdParty or System of the base is missing from
// the head's changed documents, every head file is loaded, for the
// documents that still name it (change/removed). Each file is read under the loader's
// limits, as the runs read it. Files in same (git found their bytes the
// same on both sides, and the base's run took them from the head's) are
// not read to compare.
func changedDocuments(ctx context.Context, baseDir string, base, head *lint.Result, load inventory.Options, same map[string]string) (baseDocs, headDocs []*inventory.Document, err error) {
	v, err := schema.Default()
	if err != nil {
		return nil, nil, err
	}
	load.WantsString, load.Redact = v.WantsString, v.Redact
	// files are the result's inventory files, in order, and as a set.
	files := func(r *lint.Result) ([]string, map[string]bool) {
		if r == nil {
			return nil, map[string]bool{}
		}
		seen := make(map[string]bool, len(r.Checked))
		var out []string
		add := func(f string) {
			// Only files below the working directory have a place in the
			// mirror: an absolute or ../ name would lead out of it.
			if f != "" && !seen[f] && filepath.IsLocal(f) {
				seen[f] = true
				out = append(out, f)
			}
		}
		// Consecutive entries mostly name the same file (both lists are
		// in file order): looked up once.
		last := ""
		for _, d := range r.Checked {
			if d.File != last {
				add(d.File)
				last = d.File
			}
		}
		last = ""
		for _, f := range r.Findings {
			if (f.Kind != "" || f.FileLevel) && f.File != last {
				add(f.File)
				last = f.File
			}
		}
		return out, seen
	}
	read := func(path string) []byte {
		data, _, problem := inventory.ReadInfo(path, load)
		if problem != nil {
			return nil
		}
		return data
	}
	parse := func(name string, data []byte) ([]*inventory.Document, error) {
		f, err := inventory.ParseBytes(ctx, name, data, sha256.Sum256(data), load)
		if err != nil {
			return nil, err
		}
		return f.Docs, nil
	}
	baseFiles, inBase := files(base)
	headFiles, inHead := files(head)
	headData := map[string][]byte{}
	changedHead := map[string]bool{}
	for _, f := range baseFiles {
		if same[f] != "" && inHead[f] {
			continue
		}
		b := read(filepath.Join(baseDir, f))
		var h []byte
		if inHead[f] {
			h = read(f)
			headData[f] = h
			if b != nil && h != nil && bytes.Equal(b, h) {
				continue
			}
			changedHead[f] = true
		}
		docs, err := parse(f, b)
		if err != nil {
			return nil, nil, err
		}
		baseDocs = append(baseDocs, docs...)
	}
	for _, f := range headFiles {
		if !inBase[f] {
			changedHead[f] = true
		}
	}
	headNamed := map[string]bool{}
	loadHead := func(only map[string]bool) error {
		headDocs = headDocs[:0]
		for _, f := range headFiles {
			if only != nil && !only[f] {
				continue
			}
			data, ok := headData[f]
			if !ok {
				data = read(f)
			}
			docs, err := parse(f, data)
			if err != nil {
				return err
			}
			headDocs = append(headDocs, docs...)
		}
		return nil
	}
	if err := loadHead(changedHead); err != nil {
		return nil, nil, err
	}
	for _, d := range headDocs {
		if d.Kind == "ThirdParty" || d.Kind == "System" {
			headNamed[d.Kind+"/"+d.ID] = true
		}
	}
	for _, d := range baseDocs {
		if (d.Kind == "ThirdParty" || d.Kind == "System") && d.ID != "" && !headNamed[d.Kind+"/"+d.ID] {
			// A deleted ThirdParty or System: the documents that still
			// name it (spec.thirdParty, a flow's end) may be in any file.
			if err := loadHead(nil); err != nil {
				return nil, nil, err
			}
			break
		}
	}
	return baseDocs, headDocs, nil
}

// gateCheck reports what the change does to the settings that judge it
// (internal/gate): the config relaxed, a custom policy added, removed or
// changed, a waiver added or extended, the baseline grown.
//
// Waivers the change adds count (else an approved waiver could never
// merge), each stated by gate/waiver-added; where the base's config makes
// gate/waiver-added an error, they do not: the findings they would accept
// stay open, so risk is accepted only through its own reviewed change.
func gateCheck(_ context.Context, sides *Sides) ([]finding.Finding, error) {
	base := gate.Side{
		Config:    sides.Base.Config,
		Catalogue: sides.Catalogue,
		Policies:  sides.Base.Policies,
		Baseline:  sides.Base.Baseline,
		Waivers:   sideWaivers(sides.Base),
	}
	head := gate.Side{
		Config:   sides.Head.Config,
		Policies: sides.Head.Policies,
		Baseline: sides.Head.Baseline,
		Waivers:  sideWaivers(sides.Head),
	}
	if head.Config == nil && base.Config != nil {
		head.ConfigFile = base.Config.File // the config the change removed
	}
	changes := gate.Compare(base, head)
	out := make([]finding.Finding, 0, len(changes))
	for _, c := range changes {
		out = append(out, c.Finding(nil, ""))
	}
	if sides.Severity != nil && sides.Severity(rules.GateWaiverAdded) == rules.Error {
		unwaiveAdded(sides.Head, head.Waivers, changes)
	}
	return out, nil
}

// unwaiveAdded reopens the head's findings that a waiver the change adds
// would accept.
func unwaiveAdded(h Side, waivers []gate.Waiver, changes []gate.Change) {
	type key struct{ kind, id, rule string }
	added := map[key]bool{}
	for _, c := range changes {
		if c.Rule != rules.GateWaiverAdded {
			continue
		}
		for _, w := range waivers {
			if w.File == c.File && w.Path.String() == c.Path.String() {
				added[key{w.Kind, w.ID, w.Rule}] = true
			}
		}
	}
	for i := range h.Findings {
		f := &h.Findings[i]
		if f.Waived && added[key{f.Kind, f.ID, f.Rule}] {
			f.Waived, f.WaiverReason = false, ""
		}
	}
	// Nor is the waiver stated as accepted risk: its decision says why.
	for i := range h.Waivers {
		w := &h.Waivers[i]
		if w.Status == waiver.Active && added[key{w.Kind, w.ID, w.Rule}] {
			w.Status = waiver.Invalid
			w.Reason = "added by this change, and the base revision makes gate/waiver-added an error: it accepts nothing until a change of its own is merged"
		}
	}
}

// sideWaivers are a side's waivers: those written in its documents and
// those of its waiver files, named relative to its directory.
func sideWaivers(s Side) []gate.Waiver {
	var out []gate.Waiver
	for _, d := range s.Documents {
		out = append(out, gate.InlineWaivers(d)...)
	}
	if s.WaiverFiles != nil {
		for _, w := range gate.FileWaivers(s.WaiverFiles) {
			w.File = relativeTo(s.Dir, w.File)
			out = append(out, w)
		}
	}
	return out
}

// relativeTo names p relative to dir when it lies below it.
func relativeTo(dir, p string) string {
	if dir == "" || dir == "." || !filepath.IsAbs(p) {
		return p
	}
	if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}

// readPolicies reads a side's custom policy files (.rego, below the
// directories and files its config and --policy name), by their path
// relative to dir. Symbolic links are not followed (the policy loader
// refuses them) and each file is read up to the policy limit; what cannot
// be read is left out, as the run that loaded the policies already said why.
func readPolicies(dir string, roots []string) map[string][]byte {
	out := map[string][]byte{}
	read := func(rel string) {
		data, err := safefile.ReadFile(filepath.Join(dir, rel), safefile.PolicyLimit)
		if err == nil {
			out[filepath.ToSlash(filepath.Clean(rel))] = data
		}
	}
	for _, root := range roots {
		full := filepath.Join(dir, root)
		info, err := os.Lstat(full)
		switch {
		case err != nil:
			continue
		case info.Mode().IsRegular():
			read(root)
		case info.IsDir():
			_ = filepath.WalkDir(full, func(p string, e fs.DirEntry, err error) error {
				if err != nil || !e.Type().IsRegular() || !strings.HasSuffix(p, ".rego") {
					return nil
				}
				if rel, err := filepath.Rel(dir, p); err == nil {
					read(rel)
				}
				return nil
			})
		}
	}
	return out
}

// changeCheck compares each document with its base version
// (internal/change): exposure widened, authentication or encryption
// weakened, data sensitivity raised, a third party added, a referenced
// document removed. A document that is schema-invalid in the head is left
// to schema/invalid; the changes of a document that names a change ticket
// are not findings but stated as reviewed (Sides.Reviewed).
func changeCheck(_ context.Context, sides *Sides) ([]finding.Finding, error) {
	type docKey struct {
		file  string
		index int
	}
	invalid := map[docKey]bool{}
	for _, f := range sides.Head.Findings {
		if f.Rule == rules.SchemaInvalid {
			invalid[docKey{f.File, f.DocIndex}] = true
		}
	}
	var out []finding.Finding
	for _, c := range change.CompareAll(sides.Base.Documents, sides.Head.Documents) {
		if invalid[docKey{c.File, c.Index}] || len(c.Doc.Problems) > 0 {
			continue
		}
		if c.Ticket != "" {
			region, _ := c.Doc.LocateRegion(c.Path)
			sides.Reviewed = append(sides.Reviewed, format.ReviewedChange{
				Rule: c.Rule, Message: c.Message, Kind: c.Kind, ID: c.ID, File: c.File, Line: region.Start.Line, Ticket: c.Ticket,
			})
			continue
		}
		f := finding.New(&finding.RuleInfo{Rule: c.Rule}, &finding.DocInfo{File: c.File, Kind: c.Kind, ID: c.ID, DocIndex: c.Index}, c.Message)
		f.Path = c.Path
		region, _ := c.Doc.LocateRegion(c.Path)
		f.SetRegion(region)
		out = append(out, f)
	}
	return out, nil
}

// addHeadPolicyFindings shows the findings of the custom policies the
// change adds or edits: the base's policies judge the run, so these rules
// do not run in it, but a reviewer sees what they find. When the head has
// such policy files, the work tree is linted as `lint` without --base does
// (its own config and policies, sandboxed as always), and the findings of
// rules defined in those files that the run does not already have are
// added, as new. They cannot hide a finding of the base's policies: those
// are all kept.
func (s *Session) addHeadPolicyFindings(ctx context.Context, sides *Sides, res *lint.Result) error {
	changed := map[string]bool{}
	for p, data := range sides.Head.Policies {
		if old, ok := sides.Base.Policies[p]; !ok || !bytes.Equal(old, data) {
			changed[p] = true
		}
	}
	if len(changed) == 0 {
		return nil
	}
	req := s.req
	req.Base, req.BaseSet, req.NewOnly = "", false, false
	req.Formats, req.Output, req.WriteBaseline = nil, "", ""
	req.Stdout, req.Quiet = io.Discard, true
	head := New(req)
	head.stderr = io.Discard // the run's notices are this run's
	if err := head.prepare(ctx, nil, stages{rules: true, cache: true}); err != nil {
		return fmt.Errorf("the work tree's own policies: %w", err)
	}
	hres, err := head.run(ctx, true)
	if err != nil {
		return fmt.Errorf("the work tree's own policies: %w", err)
	}
	type key struct{ rule, file, path, msg string }
	have := map[key]bool{}
	for _, f := range res.Findings {
		have[key{f.Rule, f.File, f.Path.String(), f.Message}] = true
	}
	for _, f := range hres.Findings {
		r := head.catalogue.Get(f.Rule)
		if r == nil || r.Builtin || !changed[filepath.ToSlash(filepath.Clean(r.File))] {
			continue
		}
		k := key{f.Rule, f.File, f.Path.String(), f.Message}
		if have[k] {
			continue
		}
		have[k] = true
		if s.catalogue.Get(f.Rule) == nil {
			// A rule only the head defines: the outputs describe it from
			// the head's METADATA.
			rule := *r
			if _, err := s.catalogue.Insert(&rule); err != nil {
				return err
			}
		}
		f.BaselineState, f.New = finding.StateNew, true
		res.Findings = append(res.Findings, f)
	}
	finding.Sort(res.Findings)
	return nil
}
