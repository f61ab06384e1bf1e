package config

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/ifacelint/ifacelint/internal/frameworks"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// Limits of a user framework: how many a config may define, the controls
// of one catalogue, the rules of one mappings file and the controls of one
// rule (as METADATA's).
const (
	MaxUserFrameworks = 16
	MaxUserControls   = 5000
	MaxMappedRules    = 2000
	MaxMappedControls = 50
)

//go:embed catalogue.schema.json
var catalogueSchemaJSON []byte

//go:embed mappings.schema.json
var mappingsSchemaJSON []byte

// UserFramework is a framework the config defines: a frameworks: entry
// {key, title, catalogue, mappings}, its catalogue read and checked, and
// the rules its mappings file attaches to the controls.
type UserFramework struct {
	Framework *frameworks.Framework
	// Mappings are rule id → control ids, as the mappings file says.
	Mappings map[string][]string

	mapFile string // the mappings file, relative to the working directory
	mapDoc  *inventory.Document
}

// UserFrameworks returns the frameworks the config defines, in the order
// written; nil for a nil config.
func (c *Config) UserFrameworks() []*frameworks.Framework {
	if c == nil {
		return nil
	}
	out := make([]*frameworks.Framework, len(c.User))
	for i, u := range c.User {
		out[i] = u.Framework
	}
	return out
}

// loadFrameworks reads the frameworks: list: a built-in key (or alias) is
// one the report shows by default; an entry {key, title, catalogue,
// mappings} defines a framework of the user's own, shown by default too.
// The files are read like the config itself (safefile: regular files only,
// no symlink, a size limit) and must stay inside the repository holding
// the config: they are as untrusted as the config.
func (c *Config) loadFrameworks(file string, list []any) error {
	firstAt := map[string]int{}
	for i, item := range list {
		switch v := item.(type) {
		case string:
			key := frameworks.Canonical(v) // iso27001 is iso-27001
			if !slices.Contains(c.Frameworks, key) {
				c.Frameworks = append(c.Frameworks, key)
			}
		case map[string]any:
			key, _ := v["key"].(string)
			title, _ := v["title"].(string)
			at := inventory.Path{"frameworks", i}
			switch j, dup := firstAt[key]; {
			case frameworks.Canonical(key) != "":
				return c.errorAt(append(at, "key"), "framework key %q is a built-in framework's: choose another key for your own", key)
			case dup:
				return c.errorAt(append(at, "key"), "framework key %q is defined twice (first at frameworks[%d])", key, j)
			case len(firstAt) == MaxUserFrameworks:
				return c.errorAt(at, "at most %d frameworks of your own may be defined", MaxUserFrameworks)
			}
			firstAt[key] = i
			u, err := c.readUserFramework(file, at, key, title, v["catalogue"].(string), v["mappings"].(string))
			if err != nil {
				return err
			}
			c.User = append(c.User, u)
			c.Frameworks = append(c.Frameworks, key)
		}
	}
	return nil
}

// readUserFramework reads one user framework's catalogue and mappings.
func (c *Config) readUserFramework(file string, at inventory.Path, key, title, rawCat, rawMap string) (*UserFramework, error) {
	catPath, err := c.confined(file, append(slices.Clone(at), "catalogue"), rawCat)
	if err != nil {
		return nil, err
	}
	mapPath, err := c.confined(file, append(slices.Clone(at), "mappings"), rawMap)
	if err != nil {
		return nil, err
	}
	catDoc, catSum, err := readYAML(catPath, catalogueSchemaJSON, "a framework catalogue must be a mapping with controls: a list of {id, title, family}")
	if re, ok := err.(*readError); ok {
		return nil, c.errorAt(append(slices.Clone(at), "catalogue"), "framework catalogue %s: %s", rawCat, re.reason)
	} else if err != nil {
		return nil, err
	}
	var controls []frameworks.Control
	first := map[string]int{}
	list, _ := catDoc.Object()["controls"].([]any)
	if n := len(list); n == 0 || n > MaxUserControls {
		pos, _ := catDoc.Locate(inventory.Path{"controls"})
		return nil, &Error{catPath, pos.Line, pos.Column, fmt.Sprintf("controls holds %d entries: list from 1 to %d controls", n, MaxUserControls)}
	}
	for i, x := range list {
		m, _ := x.(map[string]any)
		id, _ := m["id"].(string)
		ctl := frameworks.Control{ID: id}
		ctl.Title, _ = m["title"].(string)
		ctl.Family, _ = m["family"].(string)
		if j, dup := first[id]; dup {
			pos, _ := catDoc.Locate(inventory.Path{"controls", i, "id"})
			return nil, &Error{catPath, pos.Line, pos.Column, fmt.Sprintf("control %q is listed twice (first as controls[%d])", id, j)}
		}
		first[id] = i
		controls = append(controls, ctl)
	}
	f, err := frameworks.NewUser(key, title, catPath, controls)
	if err != nil {
		return nil, c.errorAt(at, "framework %s: %v", key, err)
	}
	mapDoc, mapSum, err := readYAML(mapPath, mappingsSchemaJSON, "a framework mappings file must be a mapping with mappings: rule id to a list of control ids")
	if re, ok := err.(*readError); ok {
		return nil, c.errorAt(append(slices.Clone(at), "mappings"), "framework mappings %s: %s", rawMap, re.reason)
	} else if err != nil {
		return nil, err
	}
	// The edition the provenance names: both files and a digest of their
	// content, which the config's own digest does not cover.
	both := sha256.Sum256(append(catSum[:], mapSum[:]...))
	f.Version = fmt.Sprintf("catalogue %s, mappings %s, sha256:%s", catPath, mapPath, hex.EncodeToString(both[:])[:16])
	u := &UserFramework{Framework: f, Mappings: map[string][]string{}, mapFile: mapPath, mapDoc: mapDoc}
	mappings, _ := mapDoc.Object()["mappings"].(map[string]any)
	if len(mappings) > MaxMappedRules {
		pos, _ := mapDoc.Locate(inventory.Path{"mappings"})
		return nil, &Error{mapPath, pos.Line, pos.Column, fmt.Sprintf("mappings names %d rules, at most %d are allowed", len(mappings), MaxMappedRules)}
	}
	for rule, v := range mappings {
		if len(v.([]any)) > MaxMappedControls {
			pos, _ := mapDoc.Locate(inventory.Path{"mappings", rule})
			return nil, &Error{mapPath, pos.Line, pos.Column, fmt.Sprintf("%s holds %d controls, at most %d are allowed", rule, len(v.([]any)), MaxMappedControls)}
		}
		ids := []string{}
		for i, x := range v.([]any) {
			id := x.(string)
			if !f.Has(id) {
				pos, _ := mapDoc.Locate(inventory.Path{"mappings", rule, i})
				return nil, &Error{mapPath, pos.Line, pos.Column, fmt.Sprintf("%q is not a control of %s (catalogue %s)", id, title, catPath)}
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		u.Mappings[rule] = ids
	}
	return u, nil
}

// confined resolves a path the config names (relative to the config's
// directory) and, for a config inside a repository, refuses one that
// leaves it, lexically or through a symlink; the file itself is read with
// safefile, which refuses a symlink, a FIFO or anything but a regular file.
func (c *Config) confined(file string, at inventory.Path, raw string) (string, error) {
	p := raw
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.Dir, p)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	root, inRepo := vcs.RepoRoot(filepath.Dir(abs))
	if !inRepo {
		return p, nil
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	ap, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if !within(root, ap) {
		return "", c.errorAt(at, "%s is outside the repository (%s): a config in a repository names paths inside it", raw, relToWD(root))
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(ap)); err == nil && !within(realRoot, filepath.Join(real, filepath.Base(ap))) {
		return "", c.errorAt(at, "%s leads outside the repository (%s) through a symlink", raw, relToWD(root))
	}
	return p, nil
}

// readError is readYAML's error for a file it could not read: the caller
// says where the config names it.
type readError struct{ reason string }

func (e *readError) Error() string { return e.reason }

// readYAML reads one YAML file of a user framework and validates it
// against its schema; every problem is an *Error at its line and column.
func readYAML(path string, schemaJSON []byte, notMapping string) (*inventory.Document, [32]byte, error) {
	var sum [32]byte
	validator, err := schema.New(schemaJSON)
	if err != nil {
		return nil, sum, err
	}
	data, err := safefile.ReadFile(path, safefile.FrameworkLimit)
	if err != nil {
		return nil, sum, &readError{safefile.Reason(err)}
	}
	sum = sha256.Sum256(data)
	f := inventory.Parse(path, data, inventory.Options{WantsString: validator.WantsString})
	var errs []error
	for _, p := range f.Problems {
		errs = append(errs, &Error{path, p.Pos.Line, p.Pos.Column, p.Message})
	}
	if len(errs) == 0 && len(f.Docs) != 1 {
		errs = append(errs, &Error{path, 1, 1, "want one YAML document"})
	}
	if len(errs) > 0 {
		return nil, sum, errors.Join(errs...)
	}
	doc := f.Docs[0]
	for _, p := range doc.Problems {
		errs = append(errs, &Error{path, p.Pos.Line, p.Pos.Column, p.Message})
	}
	for _, e := range validator.Validate(doc.Value) {
		pos, _ := doc.Locate(e.Path)
		msg := e.Message
		if len(e.Path) == 0 && strings.HasPrefix(msg, "a document must be a mapping") {
			msg = notMapping
		}
		errs = append(errs, &Error{path, pos.Line, pos.Column, msg})
	}
	if len(errs) > 0 {
		return nil, sum, errors.Join(errs...)
	}
	return doc, sum, nil
}

// CheckFrameworks verifies that every rule a user framework's mappings
// file names is in the catalogue, and attaches the mappings to the rules:
// a rule that does not exist is an error at its line in the mappings file.
func (c *Config) CheckFrameworks(cat *rules.Catalogue) error {
	if c == nil {
		return nil
	}
	var errs []error
	for _, u := range c.User {
		ids := make([]string, 0, len(u.Mappings))
		for id := range u.Mappings {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			r := cat.Get(id)
			if r == nil {
				pos, _ := u.mapDoc.Locate(inventory.Path{"mappings", id})
				errs = append(errs, &Error{u.mapFile, pos.Line, pos.Column, fmt.Sprintf("unknown rule %q (see `ifacelint rules`)%s", id, cat.DidYouMean(id))})
				continue
			}
			if r.Frameworks == nil {
				r.Frameworks = map[string][]string{}
			}
			key := u.Framework.Key
			for _, ctl := range u.Mappings[id] {
				if !slices.Contains(r.Frameworks[key], ctl) {
					r.Frameworks[key] = append(r.Frameworks[key], ctl)
				}
			}
		}
	}
	return errors.Join(errs...)
}
