package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ifacelint/ifacelint/internal/safefile"
)

// LoadDirs reads the .rego files below each directory (or the file itself),
// sorted, for the user's own policies. Symlinks are not followed, and only
// regular files are read (a FIFO or device met while walking is skipped
// with a notice; named as a path, refused), within safefile.PolicyLimit
// each and safefile.PoliciesLimit in total. A
// directory without any .rego file is an error: a policy directory that
// silently holds nothing would be a silent pass.
func LoadDirs(dirs []string, notice func(string)) ([]Source, error) {
	var out []Source
	seen := map[string]bool{}
	total := 0
	for _, dir := range dirs {
		info, err := os.Lstat(dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("policy directory %s: no such file or directory", dir)
			}
			return nil, fmt.Errorf("policy directory %s: %w", dir, err)
		}
		var files []string
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("policy %s: %s", dir, safefile.ErrSymlink)
		case !info.IsDir() && !info.Mode().IsRegular():
			return nil, fmt.Errorf("policy %s: is %s, not a regular file or directory", dir, safefile.Describe(info.Mode()))
		case !info.IsDir():
			files = []string{dir}
		default:
			err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				switch {
				case err != nil:
					return err
				case d.Type()&fs.ModeSymlink != 0:
					if notice != nil {
						notice(fmt.Sprintf("%s: skipping symlink (symlinks are not followed)", p))
					}
				case d.Type().IsRegular() && strings.HasSuffix(p, ".rego"):
					files = append(files, p)
				case !d.IsDir() && strings.HasSuffix(p, ".rego"):
					if notice != nil {
						notice(fmt.Sprintf("%s: skipping %s (only regular files are read)", p, safefile.Describe(d.Type())))
					}
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("policy directory %s: %w", dir, err)
			}
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("policy directory %s holds no .rego file", dir)
		}
		sort.Strings(files)
		for _, f := range files {
			clean := filepath.Clean(f)
			if seen[clean] {
				continue
			}
			seen[clean] = true
			b, err := safefile.ReadFile(f, safefile.PolicyLimit)
			if err != nil {
				return nil, fmt.Errorf("read policy %s: %s", f, safefile.Reason(err))
			}
			if total += len(b); total > safefile.PoliciesLimit {
				return nil, fmt.Errorf("read policy %s: the custom policies are over the %s size limit in total", f, safefile.HumanBytes(safefile.PoliciesLimit))
			}
			out = append(out, Source{Name: clean, Text: string(b), Test: strings.HasSuffix(f, "_test.rego")})
		}
	}
	return out, nil
}

// CheckDirsHaveRules reports a policy directory none of whose modules is a
// rule (a package ifacelint.rules.<category>.<name> that defines deny).
func CheckDirsHaveRules(dirs []string, cat *Catalogue) error {
	for _, dir := range dirs {
		found := false
		for _, r := range cat.Rules {
			if !r.Builtin && within(dir, r.File) {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("policy directory %s holds no rule: a rule is a package ifacelint.rules.<category>.<name> that defines deny", dir)
		}
	}
	return nil
}

// within reports whether file, as LoadDirs names it, was read from dir:
// dir itself (a policy file), or a path below it. "." holds every relative
// path that does not leave it.
func within(dir, file string) bool {
	rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(file))
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
