package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ifacelint/ifacelint/internal/draft"
	"github.com/ifacelint/ifacelint/internal/openapi"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/internal/vcs"
)

// ImportOptions are the settings of `ifacelint import openapi`.
type ImportOptions struct {
	Output    string // directory (one ID.yaml per description) or file; "" is standard output
	ID        string // metadata.id of the one interface
	OwnerTeam string // metadata.owner.team of every document
	Force     bool   // replace output files that exist
}

// ImportOpenAPI drafts Interface documents from OpenAPI descriptions and
// prints them, or writes them to o.Output (every target checked before any
// is written; an existing file only with o.Force).
func ImportOpenAPI(ctx context.Context, stdout, stderr io.Writer, files []string, o ImportOptions) error {
	if o.ID != "" && !draft.ValidID(o.ID) {
		return fmt.Errorf("--id %q: want lower-case letters, digits and dashes, starting with a letter or digit", o.ID)
	}
	drafts, inputs, err := draftAll(ctx, stderr, files, draft.Options{ID: o.ID, OwnerTeam: o.OwnerTeam})
	if err != nil {
		return err
	}
	if o.Output == "" {
		for i, d := range drafts {
			if i > 0 {
				fmt.Fprintln(stdout, "---")
			}
			if _, err := stdout.Write(d.Text); err != nil {
				return err
			}
		}
		return nil
	}
	return writeDrafts(stdout, o.Output, o.Force, drafts, inputs)
}

// draftAll reads every description and drafts its documents; inputs are
// the files read (absolute, symlinks resolved), which no output may
// replace.
func draftAll(ctx context.Context, stderr io.Writer, files []string, opts draft.Options) ([]*draft.Draft, map[string]string, error) {
	inputs := map[string]string{}
	var drafts []*draft.Draft
	seen := map[string]string{}
	for _, file := range files {
		d, err := openapi.Load(ctx, file, openapi.Options{})
		if err != nil {
			return nil, nil, err
		}
		for i, real := range d.RealFiles {
			inputs[real] = "the OpenAPI description " + d.Files[i]
		}
		if n := d.Notice(); n != "" {
			fmt.Fprintf(stderr, "ifacelint: %s\n", textsafe.Terminal(n))
		}
		o := opts
		if o.APISpec, err = apiSpecPath(file, d.RealFiles[0]); err != nil {
			return nil, nil, err
		}
		if root, ok := vcs.RepoRoot(filepath.Dir(d.RealFiles[0])); ok {
			untracked := openapi.Untracked(ctx, root, d.RealFiles)
			for i, real := range d.RealFiles {
				if why, ok := untracked[real]; ok {
					fmt.Fprintf(stderr, "ifacelint: %s: %s, and lint reads spec.apiSpec only from files the repository tracks: commit it (or git add it) before linting the drafts\n",
						textsafe.Terminal(d.Files[i]), textsafe.Terminal(why))
				}
			}
		}
		dr, err := draft.FromOpenAPI(d, o)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, id := range dr.IDs {
			if first, dup := seen[id]; dup {
				return nil, nil, fmt.Errorf("%s and %s both draft the id %s: import them one at a time with --id", first, file, id)
			}
			seen[id] = file
		}
		drafts = append(drafts, dr)
	}
	return drafts, inputs, nil
}

// apiSpecPath is spec.apiSpec: the description's path relative to the git
// repository holding it, or, outside a repository, to the working
// directory.
func apiSpecPath(file, real string) (string, error) {
	root, ok := vcs.RepoRoot(filepath.Dir(real))
	if !ok {
		wd, err := os.Getwd()
		if err == nil {
			wd, err = filepath.EvalSymlinks(wd)
		}
		if err != nil {
			return "", err
		}
		root = wd
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is neither in a git repository nor below the working directory: spec.apiSpec could not name it (run the import from a directory above it)", file)
	}
	return filepath.ToSlash(rel), nil
}

// writeDrafts writes the drafts to a directory (one file per description)
// or to one file. Every target is checked before any is written; without
// force an existing file is refused.
func writeDrafts(stdout io.Writer, dest string, force bool, drafts []*draft.Draft, inputs map[string]string) error {
	toDir := strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, string(filepath.Separator))
	if info, err := os.Stat(dest); err == nil && info.IsDir() {
		toDir = true
	}
	var paths []string
	content := map[string][]byte{}
	if toDir {
		for _, d := range drafts {
			p := filepath.Join(dest, d.IDs[0]+".yaml")
			paths = append(paths, p)
			content[p] = d.Text
		}
	} else {
		var all []byte
		for i, d := range drafts {
			if i > 0 {
				all = append(all, "---\n"...)
			}
			all = append(all, d.Text...)
		}
		paths = []string{dest}
		content[dest] = all
	}
	g := repoGuard()
	for real, what := range inputs {
		g.AddInput(what, real)
	}
	if toDir {
		// A missing directory (named with a trailing slash) is created,
		// once its parent passed the checks a file there would: no
		// symlink on the way inside the repository.
		dir := strings.TrimRight(dest, "/"+string(filepath.Separator))
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			if _, err := g.Check(dir); err != nil {
				return err
			}
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
		}
	}
	if !force {
		existing, err := existingPaths(paths)
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			return fmt.Errorf("import writes nothing: %s already exist(s); --force replaces them", strings.Join(existing, ", "))
		}
	}
	targets, err := g.Check(paths...)
	if err != nil {
		return err
	}
	outs := make([]output, len(paths))
	for i, t := range targets {
		// Without --force, never replace a file, even one that appeared
		// after the check.
		t.Exclusive = !force
		outs[i] = output{format: paths[i], file: paths[i], target: t}
	}
	if err := writeOutputs(stdout, outs, func(w io.Writer, name string) error {
		_, err := w.Write(content[name])
		return err
	}); err != nil {
		return err
	}
	w := stdout
	if toDir {
		for i, d := range drafts {
			fmt.Fprintf(w, "wrote %s: %s\n", textsafe.Terminal(paths[i]), textsafe.Terminal(strings.Join(d.IDs, ", ")))
		}
	} else {
		var ids []string
		for _, d := range drafts {
			ids = append(ids, d.IDs...)
		}
		fmt.Fprintf(w, "wrote %s: %s\n", textsafe.Terminal(dest), textsafe.Terminal(strings.Join(ids, ", ")))
	}
	return nil
}
