package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// LoadDirs reads the .rego files below each directory (or the file itself),
// sorted, for the user's own policies. Symlinks are not followed. A
// directory without any .rego file is an error: a policy directory that
// silently holds nothing would be a silent pass.
func LoadDirs(dirs []string, notice func(string)) ([]Source, error) {
	var out []Source
	seen := map[string]bool{}
	for _, dir := range dirs {
		info, err := os.Lstat(dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("policy directory %s: no such file or directory", dir)
			}
			return nil, fmt.Errorf("policy directory %s: %w", dir, err)
		}
		var files []string
		if !info.IsDir() {
			files = []string{dir}
		} else {
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
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read policy %s: %w", f, err)
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
		clean := filepath.Clean(dir)
		found := false
		for _, r := range cat.Rules {
			if !r.Builtin && (r.File == clean || strings.HasPrefix(r.File, clean+string(filepath.Separator))) {
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
