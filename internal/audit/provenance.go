package audit

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/vcs"
)

// NotInGit is the commit of an inventory outside a git repository (or on a
// machine without git).
const NotInGit = "not in a git repository"

// Uncommitted is appended to the commit when the inventory paths have
// changes git status reports (modified, staged or untracked files).
const Uncommitted = " + uncommitted changes"

// gitTimeout bounds each git command: provenance must not hang a report.
const gitTimeout = 10 * time.Second

// GitState describes the inventory's commit: `git rev-parse HEAD` run in
// the first root's directory, plus Uncommitted when `git status
// --porcelain` reports changes under any root. Without git, outside a
// repository or on a failure it is NotInGit; in a repository without a
// commit it says so.
func GitState(ctx context.Context, roots []string) string {
	if len(roots) == 0 {
		return NotInGit
	}
	if _, err := exec.LookPath("git"); err != nil {
		return NotInGit
	}
	dir, err := filepath.Abs(roots[0])
	if err != nil {
		return NotInGit
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	run := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, gitTimeout)
		defer cancel()
		cmd, err := vcs.Command(ctx, dir, args...)
		if err != nil {
			return "", err
		}
		var out bytes.Buffer
		cmd.Stdout = &out
		err = cmd.Run()
		return strings.TrimSpace(out.String()), err
	}
	if _, err := run("rev-parse", "--git-dir"); err != nil {
		return NotInGit
	}
	commit, err := run("rev-parse", "--verify", "--quiet", "HEAD")
	if err != nil || commit == "" {
		return "no commit yet" + Uncommitted
	}
	// status must not refresh (write) the index: GitCommand takes no
	// optional lock.
	paths := []string{"status", "--porcelain", "--untracked-files=normal", "--"}
	for _, r := range roots {
		if abs, err := filepath.Abs(r); err == nil {
			paths = append(paths, abs)
		}
	}
	status, err := run(paths...)
	if err != nil {
		return commit + " (git status failed)"
	}
	if status != "" {
		return commit + Uncommitted
	}
	return commit
}
