package safefile

import (
	"os"
	"path/filepath"
)

// RepoRoot is the nearest directory at or above dir (absolute) that holds
// .git, and whether there is one; without one, dir itself.
func RepoRoot(dir string) (string, bool) {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir, false
		}
		d = parent
	}
}
