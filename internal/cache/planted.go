package cache

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/ifacelint/ifacelint/internal/vcs"
)

// Planted reports whether dir may hold entries a repository planted: when
// it lies inside a git work tree and that repository tracks anything under
// it (or git cannot tell). A CI job that caches inside the project (GitLab
// can cache nothing else) would otherwise read entries a pull request
// committed there, whose results would be the attacker's. Outside a work
// tree, the directory is the user's.
func Planted(ctx context.Context, dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	root := ""
	for p := abs; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
			root = p
			break
		}
		if filepath.Dir(p) == p {
			return false // not in a work tree
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	cmd, err := vcs.Command(ctx, root, "ls-files", "-z", "--", abs)
	if err != nil {
		return true // a work tree, and no way to ask what it tracks
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return true
	}
	return out.Len() > 0
}
