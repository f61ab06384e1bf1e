package openapi

import (
	"context"
	"strings"

	"github.com/ifacelint/ifacelint/internal/vcs"
)

// What lint may read of a repository for a description: never git's own
// files, and, in a git work tree, only the files the repository tracks. A
// description is read while a pull request is linted, and the policies that
// ask for one (ifacelint.openapi) are the pull request's: without these
// limits a policy could learn whether any file of the checkout exists and
// parses — .git/config, a file an earlier CI step wrote, an ignored
// credentials file — and copy its servers into a finding.

// errInsideGit is the reason a path inside .git is refused.
const errInsideGit = "git's own files are never read"

// insideGit reports whether a slash-separated path has a segment that names
// git's directory: .git in any letter case (case-insensitive file systems
// open .GIT as .git), also with the trailing dots and spaces Windows drops,
// and its 8.3 short name GIT~1.
func insideGit(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		seg = strings.TrimRight(seg, ". ")
		if strings.EqualFold(seg, ".git") || strings.EqualFold(seg, "git~1") {
			return true
		}
	}
	return false
}

// Untracked returns those of files (absolute, symlinks resolved, below
// root) that lint would refuse because git does not track them, with why;
// nil outside a git work tree. import uses it to say so when it drafts
// from such a file.
func Untracked(ctx context.Context, root string, files []string) map[string]string {
	t := vcs.NewTracking(root)
	var out map[string]string
	for _, f := range files {
		state, why := t.State(ctx, f)
		if state == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		if state == "untracked" {
			why = "git does not track it"
		}
		out[f] = why
	}
	return out
}
