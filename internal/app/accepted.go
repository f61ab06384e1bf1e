package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/ifacelint/ifacelint/internal/lint"
	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// acceptedRisk is the one statement of what a lint run accepts (risk.Statement),
// from the rule resolution (configureRules), the fail-on level and where it
// was set (--fail-on, else the config), and what the run found: excluded
// files, active waivers, matched baseline entries (of Request.Baseline),
// and inventory documents outside the roots (outside counts them).
func (s *Session) acceptedRisk(res *lint.Result, outside func() int) *risk.Statement {
	p, failOn, failOnFlag, baselineFile := s, s.failOn, s.req.FailOn != "", s.fromBase(s.req.Baseline)
	st := p.accepted
	cfg := ""
	if p.config != nil {
		cfg = s.fromBase(p.config.File)
	}
	if failOn != policy.Error {
		by := "--fail-on"
		if !failOnFlag {
			by = cfg
		}
		st.FailOn = &risk.Setting{Value: string(failOn), By: by}
	}
	if res.Excluded > 0 && p.config != nil {
		st.Excluded = &risk.Excluded{Patterns: p.config.Exclude, Files: res.Excluded, By: cfg}
	}
	if p.config != nil && len(p.config.Inventory) > 0 {
		if n := outside(); n > 0 {
			roots := make([]string, len(p.config.Inventory))
			for i, r := range p.config.Inventory {
				roots[i] = filepath.ToSlash(r)
			}
			st.OutsideInventory = &risk.Outside{Roots: roots, Files: n, By: cfg}
		}
	}
	for _, w := range res.Waivers {
		if w.Status != waiver.Active {
			continue
		}
		st.Waivers = append(st.Waivers, risk.Waiver{Rule: w.Rule, Kind: w.Kind, ID: w.ID, ApprovedBy: w.ApprovedBy,
			Expires: w.Expires, Reason: w.WaiverReason, File: w.WrittenIn, Line: w.WrittenAt.Line, Column: w.WrittenAt.Column})
	}
	for _, m := range res.BaselineMatched {
		st.Baseline = append(st.Baseline, risk.BaselineEntry{Rule: m.Rule, Kind: m.Kind, ID: m.ID, Path: m.Path,
			File: m.File, Accepted: m.Accepted, Baseline: baselineFile})
	}
	if st.Empty() {
		return nil
	}
	return &st
}

// inventoryDoc finds an inventory document's apiVersion line.
var inventoryDoc = regexp.MustCompile(`(?m)^apiVersion:[ \t]*["']?ifacelint/v1\b`)

// startOutsideInventory counts, beside the run, the inventory documents
// outside the config's roots (outsideInventory); the function returned
// waits for the count.
func (p *Session) startOutsideInventory(ctx context.Context) func() int {
	if p.config == nil || len(p.config.Inventory) == 0 {
		return func() int { return 0 }
	}
	done := make(chan int, 1)
	go func() { done <- p.outsideInventory(ctx) }()
	return sync.OnceValue(func() int { return <-done })
}

// outsideInventory counts the files git tracks in the repository that hold
// inventory documents (an apiVersion: ifacelint/v1 line in their first
// 4 KiB) and are neither below an inventory root nor excluded: what
// narrowed roots leave unchecked. Outside git it is 0: nothing is known.
// At most maxOutsideLooks files are opened, so a repository of many YAML
// files elsewhere (manifests, charts) costs a bounded time beside the run.
func (p *Session) outsideInventory(ctx context.Context) int {
	wd, err := os.Getwd()
	if err != nil {
		return 0
	}
	files, ok := vcs.Tracked(ctx, wd)
	if !ok {
		return 0
	}
	// git names files below the real top level: compare real paths.
	real := func(path string) string {
		abs, err := filepath.Abs(path)
		if err != nil {
			return path
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return r
		}
		return abs
	}
	var roots []string
	for _, r := range p.config.Inventory {
		roots = append(roots, real(r))
	}
	cfg := real(p.config.File)
	n, looks := 0, 0
	for _, f := range files {
		if !inventory.IsYAML(f) || f == cfg || under(f, roots) || p.lint.Walk.Excluded(f) {
			continue
		}
		if looks++; looks > maxOutsideLooks || ctx.Err() != nil {
			break
		}
		if holdsInventory(f) {
			n++
		}
	}
	return n
}

// maxOutsideLooks bounds the files outsideInventory opens.
const maxOutsideLooks = 20000

func under(f string, roots []string) bool {
	for _, r := range roots {
		if f == r || strings.HasPrefix(f, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// holdsInventory reads the first 4 KiB of a regular file (never a
// symlink, a FIFO or a device) and looks for an inventory document.
func holdsInventory(path string) bool {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 4<<10))
	return inventoryDoc.Match(b)
}
