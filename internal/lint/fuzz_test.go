package lint

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifacelint/ifacelint/internal/policy"
	"github.com/ifacelint/ifacelint/internal/schema"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// FuzzRun lints one arbitrary file with every built-in rule, compiled by
// the same setup the other tests use. Whatever the file holds:
//   - the run never panics, never hangs and never fails: a policy error is a
//     bug, since the built-in rules must not error on any schema-valid
//     document (and see only secrets/no-inline on the others);
//   - a schema-invalid document gets no finding but schema/invalid,
//     secrets/no-inline and inventory/unique-id;
//   - every finding names a known rule and a place inside the file;
//   - no credential the secrets/no-inline rule looks for is echoed in a
//     finding's message or path.
//
// Seeds, in testdata/fuzz/FuzzRun: the documents of examples/inventory
// (example-*), schema-invalid and odd variants of one (invalid-*,
// valid-*), the hostile corpus of testdata/hostile (hostile-*) and inputs
// that found bugs (found-*), plus every rule's METADATA examples, added
// here so they follow the rules. `make test` runs them; `make fuzz` or
// `go test ./internal/lint -run '^$' -fuzz '^FuzzRun$' -fuzztime 60s` fuzzes
// from them.
func FuzzRun(f *testing.F) {
	set, err := policy.Load(policy.LoadOptions{})
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range set.Catalogue.Rules {
		f.Add([]byte(r.FailExample))
		f.Add([]byte(r.PassExample))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := fuzzOptions(t)
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "doc.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		opts.Inventory = []string{dir}
		opts.Workers = 1
		// A watchdog, not a benchmark: the run must end, and in time.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, err := Run(ctx, opts)
		var pe *policy.PolicyError
		switch {
		case errors.As(err, &pe):
			t.Fatalf("a built-in rule failed at run time (a bug in the rule or the engine): %v\ninput: %q", err, data)
		case err != nil:
			t.Fatalf("run failed: %v\ninput: %q", err, data)
		}

		// What the run saw, document by document.
		validator, err := schema.Default()
		if err != nil {
			t.Fatal(err)
		}
		file := inventory.Parse("doc.yaml", data, inventory.Options{WantsString: validator.WantsString})
		lines := lineCount(data)
		for _, fd := range res.Findings {
			if opts.Catalogue.Get(fd.Rule) == nil {
				t.Errorf("finding of unknown rule %q", fd.Rule)
			}
			if fd.Line < 1 || fd.Line > lines || fd.Column < 1 {
				t.Errorf("%s at %d:%d, outside the file's %d lines", fd.Rule, fd.Line, fd.Column, lines)
			}
			if fd.EndLine < fd.Line || fd.EndLine > lines || (fd.EndLine == fd.Line && fd.EndColumn < fd.Column) || fd.EndColumn < 1 {
				t.Errorf("%s at %d:%d ends at %d:%d: before its start or outside the file's %d lines", fd.Rule, fd.Line, fd.Column, fd.EndLine, fd.EndColumn, lines)
			}
			if fd.Message == "" {
				t.Errorf("%s at %d:%d has no message", fd.Rule, fd.Line, fd.Column)
			}
			if s := credential(fd.Message + "\x00" + fd.Path.String()); s != "" {
				t.Errorf("%s at %d:%d echoes a credential %q: message %q, path %s", fd.Rule, fd.Line, fd.Column, s, fd.Message, fd.Path)
			}
			if fd.FileLevel {
				if fd.Rule != policy.SchemaInvalid {
					t.Errorf("file-level finding of %s", fd.Rule)
				}
				continue
			}
			doc := docAt(file.Docs, fd.Line)
			if doc == nil {
				t.Errorf("%s at %d:%d is before the first document", fd.Rule, fd.Line, fd.Column)
				continue
			}
			if fd.Kind != doc.Kind || fd.ID != doc.ID {
				t.Errorf("%s at %d:%d names %s/%s, but the document there is %s/%s", fd.Rule, fd.Line, fd.Column, fd.Kind, fd.ID, doc.Kind, doc.ID)
			}
			if valid(validator, doc) {
				continue
			}
			switch fd.Rule {
			case policy.SchemaInvalid, policy.SecretsNoInline, policy.UniqueID:
			default:
				t.Errorf("schema-invalid document %d got a %s finding (%s)", doc.Index+1, fd.Rule, fd.Message)
			}
		}
	})
}

var fuzzSetup struct {
	once sync.Once
	opts Options
}

// fuzzOptions compiles the built-in rules once per process: fuzzing calls
// the target many thousands of times.
func fuzzOptions(t testing.TB) Options {
	fuzzSetup.once.Do(func() { fuzzSetup.opts = setup(t) })
	if fuzzSetup.opts.Engine == nil {
		t.Fatal("compiling the built-in rules failed in an earlier run")
	}
	return fuzzSetup.opts
}

// docAt returns the document a line belongs to: the last one starting at or
// before it. Documents of one file occupy successive lines.
func docAt(docs []*inventory.Document, line int) *inventory.Document {
	var at *inventory.Document
	for _, d := range docs {
		if d.Start().Line <= line {
			at = d
		}
	}
	return at
}

func valid(v *schema.Validator, d *inventory.Document) bool {
	return len(d.Problems) == 0 && len(v.Validate(d.Value)) == 0
}

// credentials are secrets/no-inline's patterns (docs/rules.md).
var credentials = regexp.MustCompile(`(AKIA|ASIA)[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|gh[pousr]_[A-Za-z0-9]{36,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{24,}`)

func credential(s string) string { return credentials.FindString(s) }

// lineCount is the number of lines as the YAML parser counts them (CRLF,
// CR, LF, NEL, LS, PS), counting the empty line after a final break.
func lineCount(data []byte) int {
	s := strings.TrimPrefix(string(data), "\ufeff")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	return strings.Count(s, "\n") + 1
}
