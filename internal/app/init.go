package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ifacelint/ifacelint/internal/scaffold"
	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// Init writes the scaffold (internal/scaffold) below dir, all or none, and
// prints what it wrote and what to do next. It refuses to overwrite; an
// existing editor settings file is kept and the entry to add is printed.
func Init(stdout io.Writer, dir string, now time.Time, version string) error {
	files, err := scaffold.InitFiles(now, version)
	if err != nil {
		return err
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, f.Path)
	}
	existing, err := existingPaths(paths)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return fmt.Errorf("init writes nothing: %s already exist(s)", strings.Join(existing, ", "))
	}
	// Editor settings are the user's own file more often than not:
	// an existing one is never rewritten (JSON with comments cannot
	// be merged safely); init says what to add instead.
	settings := filepath.Join(dir, scaffold.VSCodeSettings.Path)
	keptSettings := false
	if _, err := os.Lstat(settings); err == nil {
		keptSettings = true
	} else if errors.Is(err, fs.ErrNotExist) {
		files = append(files, scaffold.VSCodeSettings)
	} else {
		return err
	}
	written, err := writeScaffolds(stdout, dir, files)
	if err != nil {
		return err
	}
	w := stdout
	for _, p := range written {
		fmt.Fprintf(w, "wrote %s\n", textsafe.Terminal(p))
	}
	if keptSettings {
		fmt.Fprintf(w, "\nkept %s (it exists); for editors to validate the inventory, add to it:\n%s",
			textsafe.Terminal(settings), scaffold.Indent(scaffold.YAMLSchemasEntry, "  "))
	}
	fmt.Fprintf(w, `
Next:
  ifacelint lint                 # lint the inventory (exit 0: the example is clean)
  ifacelint explain RULE         # what a rule checks and how to fix it
  pre-commit install             # lint the inventory before every commit
`)
	return nil
}

// writeScaffolds writes files below dir, all or none: every file is checked
// before any is written, and directories made for them are removed again
// when the files cannot be written.
func writeScaffolds(stdout io.Writer, dir string, files []scaffold.File) (paths []string, err error) {
	var made []string
	defer func() {
		if err != nil {
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i]) // only if empty: never anything it did not make
			}
		}
	}()
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		created, err := mkdirs(filepath.Dir(p))
		made = append(made, created...)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	// No symlink, no symlinked directory inside the repository.
	g := repoGuard()
	targets, err := g.Check(paths...)
	if err != nil {
		return nil, err
	}
	outs := make([]output, len(files))
	content := map[string]string{}
	for i, t := range targets {
		// Exclusive: never overwrite, even a file that appeared meanwhile.
		t.Exclusive = true
		outs[i] = output{format: files[i].Path, file: paths[i], target: t}
		content[files[i].Path] = files[i].Content
	}
	err = writeOutputs(stdout, outs, func(w io.Writer, name string) error {
		_, err := io.WriteString(w, content[name])
		return err
	})
	if err != nil {
		return nil, err
	}
	return paths, nil
}

// mkdirs makes dir and its missing parents and returns those it made,
// outermost first.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	slices.Reverse(missing)
	return missing, nil
}

// existingPaths returns those of paths that exist as anything (a symbolic
// link included, dangling or not): the files a command that never
// overwrites must refuse.
func existingPaths(paths []string) ([]string, error) {
	var existing []string
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			existing = append(existing, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return existing, nil
}
