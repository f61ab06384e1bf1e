package inventory

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// WalkOptions says which files below the roots belong to the inventory.
type WalkOptions struct {
	// Exclude holds doublestar globs ("archive/**", "**/*.draft.yaml") matched
	// against slash-separated paths relative to Base.
	Exclude []string
	// Base is the directory exclude globs are relative to (the config file's
	// directory); empty means the working directory.
	Base string
	// Config is the config file of the run, if any: it is never inventory,
	// whatever its name, when a walk meets it.
	Config string
	// Notice receives one line for every path skipped for a reason the user
	// should know about (a symlink, a FIFO). It may be nil.
	Notice func(string)
	// Skipped, when set, is called for every file the exclude globs leave
	// out (what a run accepts: risk.Excluded).
	Skipped func(path string)
}

// IsYAML reports whether name has an inventory file extension.
func IsYAML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// ValidateGlobs reports the first malformed exclude pattern.
func ValidateGlobs(globs []string) error {
	for _, g := range globs {
		if !doublestar.ValidatePattern(g) {
			return fmt.Errorf("invalid exclude pattern %q", g)
		}
	}
	return nil
}

// Excluded reports whether file matches one of the exclude globs.
func (o WalkOptions) Excluded(file string) bool {
	if len(o.Exclude) == 0 {
		return false
	}
	rel := file
	if o.Base != "" {
		if r, err := relTo(o.Base, file); err == nil {
			rel = r
		}
	}
	rel = filepath.ToSlash(filepath.Clean(rel))
	for _, g := range o.Exclude {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		// A pattern naming a directory excludes everything below it.
		if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/")+"/**", rel); ok {
			return true
		}
	}
	return false
}

func relTo(base, file string) (string, error) {
	absBase, err := filepath.Abs(base)
	if err != nil {
		return "", err
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	return filepath.Rel(absBase, absFile)
}

// Walk returns the YAML files below roots, sorted bytewise and without
// duplicates. A root that is a file is taken whatever its extension (the user
// named it) if it is a regular file; below a directory only regular .yaml/.yml
// files count, and a FIFO, device or socket named like one is skipped with a
// notice. Symlinks are never followed: they are skipped with a notice.
// What is never inventory is passed over quietly below a directory: hidden
// directories (.git, .github, .gitlab …), hidden files (.ifacelint.yaml,
// .pre-commit-config.yaml, .gitlab-ci.yml …) and the run's config file. A
// root that does not exist, or is neither a directory nor a regular file, is
// an error.
func Walk(roots []string, opts WalkOptions) ([]string, error) {
	isConfig := sameFileAs(opts.Config)
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		p = filepath.Clean(p)
		if seen[p] {
			return
		}
		if opts.Excluded(p) {
			seen[p] = true
			if opts.Skipped != nil {
				opts.Skipped(p)
			}
			return
		}
		seen[p] = true
		files = append(files, p)
	}
	notice := func(format string, args ...any) {
		if opts.Notice != nil {
			opts.Notice(fmt.Sprintf(format, args...))
		}
	}
	for _, root := range roots {
		info, err := os.Lstat(root)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, &missingRootError{root}
			}
			return nil, err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			notice("%s: skipping symlink (symlinks are not followed)", root)
			continue
		}
		if !info.IsDir() {
			// A FIFO would block the reader; a device never ends.
			if !info.Mode().IsRegular() {
				return nil, fmt.Errorf("%s: is %s, not a regular file", root, safefile.Describe(info.Mode()))
			}
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("walk %s: %w", p, err)
			}
			switch {
			case d.Type()&fs.ModeSymlink != 0:
				notice("%s: skipping symlink (symlinks are not followed)", p)
			case d.IsDir():
				if p != root && hidden(d.Name()) {
					return filepath.SkipDir
				}
			case hidden(d.Name()) || isConfig(p):
				// Not inventory, and no notice: a repository that is only an
				// inventory (inventory: [.]) holds these on every commit.
			case d.Type().IsRegular() && IsYAML(p):
				add(p)
			case !d.Type().IsRegular() && IsYAML(p):
				notice("%s: skipping %s (only regular files are read)", p, safefile.Describe(d.Type()))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	return files, nil
}

// hidden reports whether a file or directory name is hidden (a dot name).
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." && name != ".."
}

// sameFileAs returns a test for whether a path names file, comparing
// absolute paths; with no file, nothing matches.
func sameFileAs(file string) func(string) bool {
	if file == "" {
		return func(string) bool { return false }
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return func(string) bool { return false }
	}
	base := filepath.Base(abs)
	return func(p string) bool {
		if filepath.Base(p) != base {
			return false
		}
		a, err := filepath.Abs(p)
		return err == nil && a == abs
	}
}

// missingRootError is a root that does not exist; it is fs.ErrNotExist.
type missingRootError struct{ root string }

func (e *missingRootError) Error() string { return e.root + ": no such file or directory" }
func (e *missingRootError) Unwrap() error { return fs.ErrNotExist }
