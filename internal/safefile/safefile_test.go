package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tree makes a directory: "file:NAME=TEXT", "dir:NAME", "fifo:NAME",
// "link:NAME->TARGET".
func tree(t *testing.T, entries ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, e := range entries {
		kind, spec, _ := strings.Cut(e, ":")
		switch kind {
		case "file":
			name, text, _ := strings.Cut(spec, "=")
			must(t, os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755))
			must(t, os.WriteFile(filepath.Join(root, name), []byte(text), 0o644))
		case "dir":
			must(t, os.MkdirAll(filepath.Join(root, spec), 0o755))
		case "fifo":
			must(t, syscall.Mkfifo(filepath.Join(root, spec), 0o644))
		case "link":
			name, target, _ := strings.Cut(spec, "->")
			must(t, os.Symlink(target, filepath.Join(root, name)))
		default:
			t.Fatalf("bad entry %q", e)
		}
	}
	return root
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		tree  []string
		path  string // relative to the tree, or absolute
		limit int64
		want  string
		err   error
	}{
		"regular file":                {tree: []string{"file:a=hello"}, path: "a", limit: 10, want: "hello"},
		"exactly at the limit":        {tree: []string{"file:a=hello"}, path: "a", limit: 5, want: "hello"},
		"over the limit":              {tree: []string{"file:a=hello"}, path: "a", limit: 4, err: ErrTooLarge},
		"a FIFO never blocks":         {tree: []string{"fifo:p"}, path: "p", limit: 10, err: ErrNotRegular},
		"a directory":                 {tree: []string{"dir:d"}, path: "d", limit: 10, err: ErrNotRegular},
		"a device":                    {path: "/dev/zero", limit: 10, err: ErrNotRegular},
		"a symlink to a file":         {tree: []string{"file:a=x", "link:l->a"}, path: "l", limit: 10, err: ErrSymlink},
		"a symlink to /dev/zero":      {tree: []string{"link:l->/dev/zero"}, path: "l", limit: 10, err: ErrSymlink},
		"missing":                     {path: "nope", limit: 10, err: fs.ErrNotExist},
		"a symlinked directory above": {tree: []string{"file:real/a=ok", "link:d->real"}, path: "d/a", limit: 10, want: "ok"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := tree(t, tt.tree...)
			path := tt.path
			if !filepath.IsAbs(path) {
				path = filepath.Join(root, path)
			}
			done := make(chan struct{})
			var got []byte
			var err error
			go func() { got, err = ReadFile(path, tt.limit); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ReadFile blocked")
			}
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("error %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestKindErrorMessage(t *testing.T) {
	t.Parallel()
	root := tree(t, "fifo:p")
	_, err := ReadFile(filepath.Join(root, "p"), 10)
	if got := Reason(err); got != "is a named pipe (FIFO), not a regular file" {
		t.Fatalf("reason %q", got)
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		tree   []string
		inputs []string
		paths  []string // relative to the tree's "repo" directory
		refuse string   // substring of the error; "" accepts
	}{
		"a new file":                   {paths: []string{"out.json"}},
		"a new file in a subdirectory": {tree: []string{"dir:repo/out"}, paths: []string{"out/a.json"}},
		"replacing a regular file":     {tree: []string{"file:repo/out.json=old"}, paths: []string{"out.json"}},
		"a symlink":                    {tree: []string{"file:outside/victim=v", "link:repo/out.json->../outside/victim"}, paths: []string{"out.json"}, refuse: "it is a symlink"},
		"a dangling symlink":           {tree: []string{"link:repo/out.json->../outside/new"}, paths: []string{"out.json"}, refuse: "it is a symlink"},
		"a FIFO":                       {tree: []string{"fifo:repo/out.json"}, paths: []string{"out.json"}, refuse: "a named pipe"},
		"a directory":                  {tree: []string{"dir:repo/out.json"}, paths: []string{"out.json"}, refuse: "a directory"},
		"an input":                     {tree: []string{"file:repo/inv/a.yaml=x"}, inputs: []string{"inv/a.yaml"}, paths: []string{"inv/a.yaml"}, refuse: "an input of this run"},
		"an input by another name":     {tree: []string{"file:repo/inv/a.yaml=x"}, inputs: []string{"inv/a.yaml"}, paths: []string{"./inv/../inv/a.yaml"}, refuse: "an input of this run"},
		"a hard link to an input":      {tree: []string{"file:repo/inv/a.yaml=x"}, inputs: []string{"inv/a.yaml"}, paths: []string{"hard.json"}, refuse: "an input of this run"},
		"a symlinked directory in the repository":                                 {tree: []string{"dir:outside/d", "link:repo/results->../outside/d"}, paths: []string{"results/out.json"}, refuse: "a directory on its path is a symlink inside the repository (results)"},
		"a symlinked directory above the repository":                              {tree: []string{"dir:real", "link:alias->real"}, paths: []string{"../alias/out.json"}},
		"a symlinked directory in the repository, reached through an alias of it": {tree: []string{"dir:outside/d", "link:repo/results->../outside/d", "link:alias->repo"}, paths: []string{"../alias/results/out.json"}, refuse: "a directory on its path is a symlink inside the repository (results)"},
		"out of a symlink with ..":                                                {tree: []string{"dir:outside/a/b", "link:repo/l->../outside/a/b"}, paths: []string{"l/../../x.json"}, refuse: "goes through a symlink and back"},
		"a missing directory":                                                     {paths: []string{"nope/out.json"}, refuse: "repo/nope: no such file or directory"},
		"the same file twice":                                                     {paths: []string{"out.json", "./out.json"}, refuse: "it is also the output "},
		"a refused second target":                                                 {tree: []string{"fifo:repo/b"}, paths: []string{"a", "b"}, refuse: "repo/b: it is a named pipe"},
		"a directory as file name":                                                {paths: []string{"out/"}, refuse: "not a file name"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := tree(t, append([]string{"dir:repo"}, tt.tree...)...)
			repo := filepath.Join(root, "repo")
			if name == "a hard link to an input" {
				must(t, os.Link(filepath.Join(repo, "inv/a.yaml"), filepath.Join(repo, "hard.json")))
			}
			g := &Guard{Root: repo}
			for _, in := range tt.inputs {
				g.AddInput("the inventory file "+in, filepath.Join(repo, in))
			}
			var paths []string
			for _, p := range tt.paths {
				// Relative to the repository, without cleaning.
				paths = append(paths, repo+string(filepath.Separator)+p)
			}
			_, err := g.Check(paths...)
			if tt.refuse == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.refuse) {
				t.Fatalf("error %v, want one holding %q", err, tt.refuse)
			}
		})
	}
}

func TestWriteReplacesAtomically(t *testing.T) {
	t.Parallel()
	root := tree(t, "file:out.json=old")
	path := filepath.Join(root, "out.json")
	must(t, os.Chmod(path, 0o600))
	g := &Guard{Root: root}
	must(t, g.WriteFile(path, []byte("new")))
	b, err := os.ReadFile(path)
	must(t, err)
	info, err := os.Stat(path)
	must(t, err)
	if string(b) != "new" || info.Mode().Perm() != 0o600 {
		t.Fatalf("got %q mode %v, want \"new\" mode 0600 (kept)", b, info.Mode().Perm())
	}
	assertOnly(t, root, "out.json")

	// A new file gets NewFileMode.
	must(t, g.WriteFile(filepath.Join(root, "new.json"), []byte("x")))
	if info, err := os.Stat(filepath.Join(root, "new.json")); err != nil || info.Mode().Perm() != NewFileMode {
		t.Fatalf("new file: %v, %v", info, err)
	}
}

func TestAbortKeepsPrevious(t *testing.T) {
	t.Parallel()
	root := tree(t, "file:out.json=previous")
	path := filepath.Join(root, "out.json")
	ts, err := (&Guard{}).Check(path)
	must(t, err)
	f, err := ts[0].Create()
	must(t, err)
	if _, err := f.Write([]byte("half a rep")); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if b, _ := os.ReadFile(path); string(b) != "previous" {
		t.Fatalf("previous file is %q", b)
	}
	assertOnly(t, root, "out.json")
}

func TestCommitRefusesWhatAppearedMeanwhile(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		exclusive bool
		plant     func(path string) error
	}{
		"a symlink":             {plant: func(p string) error { return os.Symlink("/etc/passwd", p) }},
		"a FIFO":                {plant: func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		"a file, for exclusive": {exclusive: true, plant: func(p string) error { return os.WriteFile(p, []byte("theirs"), 0o644) }},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			path := filepath.Join(root, "out")
			ts, err := (&Guard{}).Check(path)
			must(t, err)
			ts[0].Exclusive = tt.exclusive
			f, err := ts[0].Create()
			must(t, err)
			must(t, tt.plant(path))
			if err := f.Commit(); err == nil {
				t.Fatal("Commit replaced what appeared meanwhile")
			}
			assertOnly(t, root, "out")
		})
	}
}

// assertOnly fails when dir holds anything but names (a temporary file
// left behind).
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Fatalf("directory holds %v, want %v", got, names)
	}
}

// A process ended hard (AbortPending) leaves every target as it was, with
// no temporary file, and never between two outputs of one CommitAll.
func TestAbortPending(t *testing.T) {
	root := tree(t, "file:a.json=previous a", "file:b.json=previous b")
	ts, err := (&Guard{}).Check(filepath.Join(root, "a.json"), filepath.Join(root, "b.json"))
	must(t, err)
	var files []*File
	for _, target := range ts {
		f, err := target.Create()
		must(t, err)
		if _, err := f.Write([]byte("half a report")); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	resume := AbortPending()
	committed := make(chan error, 1)
	go func() { committed <- CommitAll(files) }()
	select {
	case err := <-committed:
		t.Fatalf("CommitAll ran after AbortPending: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	for _, name := range []string{"a", "b"} {
		if b, _ := os.ReadFile(filepath.Join(root, name+".json")); string(b) != "previous "+name {
			t.Errorf("%s.json is %q", name, b)
		}
	}
	assertOnly(t, root, "a.json", "b.json")
	resume()
	if err := <-committed; err == nil {
		t.Error("CommitAll of removed temporary files succeeded")
	}
	for _, name := range []string{"a", "b"} {
		if b, _ := os.ReadFile(filepath.Join(root, name+".json")); string(b) != "previous "+name {
			t.Errorf("after resume, %s.json is %q", name, b)
		}
	}
}
