package lint

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/ifacelint/ifacelint/internal/openapi"
	"github.com/ifacelint/ifacelint/internal/vcs"
)

// specRoots holds one openapi.Reader per repository root: spec.apiSpec is
// relative to the root of the git repository holding the document's file,
// whatever the working directory (lint ../other-repo/inventory reads the
// other repository's descriptions, under its refusals). A document in no
// repository resolves against the working directory's repository root, or
// the working directory. Options.Root, when set, is every document's root.
type specRoots struct {
	ctx      context.Context
	fixed    string // Options.Root
	fallback string // for a document in no repository
	known    openapi.Known
	ensure   func(abs string) // Options.Reuse's Ensure
	notice   func(string)     // Walk.Notice, one call at a time

	mu     sync.Mutex
	byDir  map[string]*openapi.Reader // a document's directory (absolute) → its root's Reader
	byRoot map[string]*openapi.Reader
}

func newSpecRoots(ctx context.Context, fixed string, notice func(string)) (*specRoots, error) {
	s := &specRoots{ctx: ctx, fixed: fixed, byDir: map[string]*openapi.Reader{}, byRoot: map[string]*openapi.Reader{}}
	if notice != nil {
		var mu sync.Mutex
		s.notice = func(msg string) {
			mu.Lock()
			defer mu.Unlock()
			notice(msg)
		}
	}
	if fixed == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		s.fallback, _ = vcs.RepoRoot(wd)
	}
	return s, nil
}

// setKnown makes every Reader trust k (openapi.Reader.SetKnown).
func (s *specRoots) setKnown(k openapi.Known) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.known = k
	for _, rd := range s.byRoot {
		rd.SetKnown(k)
	}
}

// forFile returns the Reader of the repository holding the inventory file
// (its path as walked).
func (s *specRoots) forFile(file string) (*openapi.Reader, error) {
	dir := ""
	if s.fixed == "" {
		abs, err := filepath.Abs(file)
		if err != nil {
			return nil, err
		}
		dir = filepath.Dir(abs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rd, ok := s.byDir[dir]; ok {
		return rd, nil
	}
	root := s.fixed
	if root == "" {
		var inRepo bool
		if root, inRepo = vcs.RepoRoot(dir); !inRepo {
			root = s.fallback
		}
	}
	rd, ok := s.byRoot[root]
	if !ok {
		var err error
		if rd, err = openapi.NewReader(s.ctx, root); err != nil {
			return nil, err
		}
		if s.known != nil {
			rd.SetKnown(s.known)
		}
		if s.ensure != nil {
			rd.SetEnsure(s.ensure)
		}
		if s.notice != nil {
			rd.SetNotice(s.notice)
		}
		s.byRoot[root] = rd
	}
	s.byDir[dir] = rd
	return rd, nil
}

// docSpecs answers ifacelint.openapi for one document's evaluation
// (ruleeval.Descriptions) from the Reader of its repository, and notes the
// files the answers depend on, for the cache.
type docSpecs struct {
	reader *openapi.Reader
	files  []string
}

func (d *docSpecs) Describe(path string) (map[string]any, error) {
	facts, files, err := d.reader.Describe(path)
	if err != nil {
		return nil, err
	}
	d.files = append(d.files, files...)
	return facts, nil
}

// read returns the files noted, sorted, once each; nil when none.
func (d *docSpecs) read() []string {
	if len(d.files) == 0 {
		return nil
	}
	slices.Sort(d.files)
	return slices.Compact(d.files)
}
