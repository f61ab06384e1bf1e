// Package config loads and validates .ifacelint.yaml. The file is validated
// like the inventory: an unknown key or a bad value is an error with file,
// line and column. Paths in it are relative to the file.
//
// It knows the rule catalogue only to check rule ids and parameters.
package config

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ifacelint/ifacelint/internal/risk"
	"github.com/ifacelint/ifacelint/internal/rules"
	"github.com/ifacelint/ifacelint/internal/safefile"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/internal/vcs"
	"github.com/ifacelint/ifacelint/internal/waiver"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// FileName is the config file looked up from the working directory upwards.
const FileName = ".ifacelint.yaml"

//go:embed config.schema.json
var schemaJSON []byte

// Config is a loaded .ifacelint.yaml.
type Config struct {
	File      string   // the config file's path
	Dir       string   // its directory: the base for every path in it
	Digest    string   // "sha256:" and the SHA-256 of the content read
	Inventory []string // roots, joined with Dir
	Policies  []string // joined with Dir
	Exclude   []string // globs relative to Dir
	FailOn    rules.Severity
	Rules     map[string]RuleConfig
	// Frameworks are the frameworks `report` shows coverage of when no
	// --framework is given (frameworks.Keys and the user's), in the order
	// written, each once; an alias is read as its key (iso27001 is
	// iso-27001).
	Frameworks []string
	// User are the frameworks the config defines (frameworks: entries
	// with a catalogue and a mappings file).
	User []*UserFramework
	// Waivers is the waivers: section.
	Waivers Waivers

	doc *inventory.Document
	// rawInventory and rawPolicies are inventory: and policies: as written.
	rawInventory, rawPolicies []string
}

// Waivers is the config's say on accepting risk: who may approve a
// waiver, where waivers are written, and which rules no change may bend
// besides risk.Defaults.
type Waivers struct {
	Approvers  []string
	NoInline   bool     // inline: false
	Files      []string // globs, relative to Dir
	Unwaivable []string
}

// Fixed returns the rules no change may bend in a run under this config:
// risk.Defaults and waivers.unwaivable. A nil config holds the defaults.
func (c *Config) Fixed() *risk.Fixed {
	if c == nil {
		return risk.NewFixed(nil)
	}
	return risk.NewFixed(c.Waivers.Unwaivable)
}

// RuleConfig is one entry of `rules:`; policy.Resolve reads it.
type RuleConfig = rules.Setting

// Error is a problem in the config file, at a line and column.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Find looks for FileName in start and its parents up to the repository
// root (the nearest directory at or above start holding .git, a directory
// or, in a worktree, a file); outside a repository only start itself is
// looked at. A config above the checkout belongs to someone else and must
// not change what the gate checks. It returns "" when there is none.
func Find(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	root, inRepo := vcs.RepoRoot(dir)
	if !inRepo {
		root = dir
	}
	for {
		candidate := filepath.Join(dir, FileName)
		// Lstat: a symlink or a FIFO named like the config is found, and
		// then refused by Load, rather than skipped for one further up.
		if _, err := os.Lstat(candidate); err == nil {
			return candidate, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if dir == root {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// configSchema is the config's validator, compiled once: a run against a
// base revision loads the base's config and the work tree's.
var configSchema = sync.OnceValues(func() (*schema.Validator, error) { return schema.New(schemaJSON) })

// Load reads and validates a config file. Rule ids and parameters are
// checked later, against the catalogue (CheckRules).
func Load(path string) (*Config, error) {
	validator, err := configSchema()
	if err != nil {
		return nil, err
	}
	display := relToWD(path)
	data, err := safefile.ReadFile(path, safefile.ConfigLimit)
	if err != nil {
		return nil, fmt.Errorf("config %s: %s", display, safefile.Reason(err))
	}
	file := inventory.Parse(path, data, inventory.Options{WantsString: validator.WantsString})
	var errs []error
	for _, p := range file.Problems {
		errs = append(errs, &Error{display, p.Pos.Line, p.Pos.Column, p.Message})
	}
	if len(file.Docs) > 1 {
		d := file.Docs[1]
		errs = append(errs, &Error{display, d.Start().Line, d.Start().Column, "a config file holds one YAML document"})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	doc := file.Docs[0]
	for _, p := range doc.Problems {
		errs = append(errs, &Error{display, p.Pos.Line, p.Pos.Column, p.Message})
	}
	for _, e := range validator.Validate(doc.Value) {
		pos, _ := doc.Locate(e.Path)
		msg := e.Message
		if len(e.Path) == 0 && strings.HasPrefix(msg, "a document must be a mapping") {
			msg = "the config must be a mapping of inventory, policies, exclude, failOn, rules, frameworks and waivers"
		}
		errs = append(errs, &Error{display, pos.Line, pos.Column, msg})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	dir := filepath.Dir(display)
	sum := sha256.Sum256(data)
	c := &Config{File: display, Dir: dir, Digest: "sha256:" + hex.EncodeToString(sum[:]), Rules: map[string]RuleConfig{}, doc: doc}
	m := doc.Object()
	c.Inventory = joinAll(dir, strings_(m["inventory"]))
	c.Policies = joinAll(dir, strings_(m["policies"]))
	c.rawInventory, c.rawPolicies = strings_(m["inventory"]), strings_(m["policies"])
	if err := c.checkInsideRepository(path, c.rawInventory, c.rawPolicies); err != nil {
		return nil, err
	}
	c.Exclude = strings_(m["exclude"])
	if err := inventory.ValidateGlobs(c.Exclude); err != nil {
		return nil, c.errorAt(inventory.Path{"exclude"}, "%v", err)
	}
	if s, ok := m["failOn"].(string); ok {
		c.FailOn = rules.Severity(s)
	}
	if list, ok := m["frameworks"].([]any); ok {
		if err := c.loadFrameworks(path, list); err != nil {
			return nil, err
		}
	}
	if w, ok := m["waivers"].(map[string]any); ok {
		c.Waivers.Approvers = strings_(w["approvers"])
		c.Waivers.Files = strings_(w["files"])
		c.Waivers.Unwaivable = strings_(w["unwaivable"])
		if inline, ok := w["inline"].(bool); ok && !inline {
			c.Waivers.NoInline = true
		}
		if err := waiver.CheckApprovers(c.Waivers.Approvers); err != nil {
			return nil, c.errorAt(inventory.Path{"waivers", "approvers"}, "%v", err)
		}
		for i, g := range c.Waivers.Files {
			if _, err := filepath.Match(g, ""); err != nil {
				return nil, c.errorAt(inventory.Path{"waivers", "files", i}, "waiver file glob %q: %v", g, err)
			}
			if filepath.IsAbs(g) || g == ".." || strings.HasPrefix(filepath.ToSlash(g), "../") || strings.Contains(filepath.ToSlash(g), "/../") {
				return nil, c.errorAt(inventory.Path{"waivers", "files", i}, "waiver file glob %q leaves the config's directory: name waiver files below it", g)
			}
		}
	}
	ruleMap, _ := m["rules"].(map[string]any)
	for id, v := range ruleMap {
		entry, _ := v.(map[string]any)
		rc := RuleConfig{Params: map[string]any{}}
		for k, val := range entry {
			switch k {
			case "enabled":
				b := val.(bool)
				rc.Enabled = &b
			case "severity":
				rc.Severity = rules.Severity(val.(string))
			default:
				rc.Params[k] = val
			}
		}
		c.Rules[id] = rc
	}
	return c, nil
}

// checkInsideRepository refuses inventory and policy paths that leave the
// repository holding the config (lexically, or through a symlink): a config
// in a pull request must not make the run read the runner's files. A config
// outside any repository was put there by whoever runs the tool, and may
// name any path.
func (c *Config) checkInsideRepository(file string, rawInventory, rawPolicies []string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	root, inRepo := vcs.RepoRoot(filepath.Dir(abs))
	if !inRepo {
		return nil
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	for _, key := range []string{"inventory", "policies"} {
		paths, raw := c.Inventory, rawInventory
		if key == "policies" {
			paths, raw = c.Policies, rawPolicies
		}
		for i, p := range paths {
			ap, err := filepath.Abs(p)
			if err != nil {
				return err
			}
			if !within(root, ap) {
				return c.errorAt(inventory.Path{key, i}, "%s is outside the repository (%s): a config in a repository names paths inside it", raw[i], relToWD(root))
			}
			if real, err := filepath.EvalSymlinks(ap); err == nil && !within(realRoot, real) {
				return c.errorAt(inventory.Path{key, i}, "%s leads outside the repository (%s) through a symlink", raw[i], relToWD(root))
			}
		}
	}
	return nil
}

// CheckPaths checks again, from the working directory of now, that the
// inventory and policy paths stay inside the repository holding the
// config's place (c.File, relative to the working directory): a config
// read elsewhere — the base revision's, for a run against it — is applied
// here, where a symlink of the work tree could lead its paths out.
func (c *Config) CheckPaths() error {
	if c == nil {
		return nil
	}
	return c.checkInsideRepository(c.File, c.rawInventory, c.rawPolicies)
}

// within reports whether p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Region returns where the node at path is in the config file (a mapping
// entry from its key to the end of its value), or its nearest existing
// parent and the path found; the whole document when none of path exists.
// A config built in memory (no file) has none: the zero Region, nil.
func (c *Config) Region(path inventory.Path) (inventory.Region, inventory.Path) {
	if c == nil || c.doc == nil {
		return inventory.Region{}, nil
	}
	return c.doc.LocateRegion(path)
}

func (c *Config) errorAt(path inventory.Path, format string, args ...any) error {
	pos, _ := c.doc.Locate(path)
	return &Error{c.File, pos.Line, pos.Column, fmt.Sprintf(format, args...)}
}

// CheckRules verifies every rule id and parameter against the catalogue:
// an unknown id (in rules: or waivers.unwaivable), an unknown parameter, a
// parameter of the wrong type, or an attempt to disable or downgrade a rule
// no change may bend (Fixed) is an error.
func (c *Config) CheckRules(cat *rules.Catalogue) error {
	var errs []error
	for i, id := range c.Waivers.Unwaivable {
		if cat.Get(id) == nil {
			errs = append(errs, c.errorAt(inventory.Path{"waivers", "unwaivable", i}, "unknown rule %q (see `ifacelint rules`)%s", id, cat.DidYouMean(id)))
		}
	}
	fixed := c.Fixed()
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rc := c.Rules[id]
		rule := cat.Get(id)
		if rule == nil {
			errs = append(errs, c.errorAt(inventory.Path{"rules", id}, "unknown rule %q (see `ifacelint rules`)%s", id, cat.DidYouMean(id)))
			continue
		}
		if fixed.Has(id) {
			switch {
			case rc.Enabled != nil && !*rc.Enabled:
				errs = append(errs, c.errorAt(inventory.Path{"rules", id}, "%s can be neither disabled nor downgraded: its findings are among those no change can accept (docs/security.md)", id))
			case rc.Severity != "" && rc.Severity.Rank() < rule.Severity.Rank():
				errs = append(errs, c.errorAt(inventory.Path{"rules", id}, "%s can be neither disabled nor downgraded: its findings are among those no change can accept (docs/security.md)", id))
			}
		}
		names := make([]string, 0, len(rc.Params))
		for k := range rc.Params {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			def, ok := rule.Params[k]
			if !ok {
				known := make([]string, 0, len(rule.Params))
				for p := range rule.Params {
					known = append(known, p)
				}
				slices.Sort(known)
				hint := "it has no parameters"
				if len(known) > 0 {
					hint = "its parameters are " + strings.Join(known, ", ")
				}
				errs = append(errs, c.errorAt(inventory.Path{"rules", id, k}, "rule %s has no parameter %q; %s", id, k, hint))
				continue
			}
			if !sameType(def, rc.Params[k]) {
				errs = append(errs, c.errorAt(inventory.Path{"rules", id, k}, "parameter %s of %s must be %s", k, id, typeOf(def)))
			}
		}
	}
	return errors.Join(errs...)
}

func sameType(def, val any) bool {
	return typeOf(def) == typeOf(val)
}

func typeOf(v any) string {
	switch x := v.(type) {
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			return "a number"
		}
		return "a whole number"
	case int, int64:
		return "a whole number"
	case float64:
		if x == float64(int64(x)) {
			return "a whole number"
		}
		return "a number"
	case string:
		return "a string"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

func strings_(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func joinAll(dir string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			out[i] = filepath.Clean(p)
		} else {
			out[i] = filepath.Join(dir, p)
		}
	}
	return out
}

// relToWD shows a path relative to the working directory.
func relToWD(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, abs); err == nil {
		return rel
	}
	return abs
}
