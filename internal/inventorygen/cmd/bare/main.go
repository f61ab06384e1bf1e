//go:build ifacelint_tools

// Command bare is the yardstick of docs/performance.md: the least a
// program that lints an inventory with OPA must do, without anything
// ifacelint adds (schema validation, positions, the cross-document index,
// waivers, the sandbox, reports). It walks a directory, decodes every YAML
// document with yaml.v3 into Go values, and evaluates one prepared query
// of the chosen built-in rules' deny with OPA's rego API (rego.EvalInput),
// on -workers goroutines, and prints how many findings it got.
//
//	go run -tags ifacelint_tools ./internal/inventorygen/cmd/bare -dir /tmp/ifacelint-bench/inventory-10000
//
// Time it as the binary is timed (GNU time's %e, %U+%S and %M) and compare.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"go.yaml.in/yaml/v3"

	"github.com/ifacelint/ifacelint/internal/builtins"
	"github.com/ifacelint/ifacelint/internal/policy"
)

var missionRules = []string{
	"authentication/admin-mfa",
	"transport/tls-required",
	"authorization/scoped-tokens",
	"logging/enabled",
	"ownership/owner-assigned",
}

func main() {
	builtins.Register() // ifacelint.missing, which the rules call
	dir := flag.String("dir", "", "inventory directory")
	workers := flag.Int("workers", 2, "evaluating goroutines")
	flag.Parse()
	if err := run(*dir, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(2)
	}
}

func run(dir string, workers int) error {
	ctx := context.Background()
	srcs, err := policy.BuiltinSources()
	if err != nil {
		return err
	}
	var opts []func(*rego.Rego)
	var parts []string
	for _, s := range srcs {
		if s.Test {
			continue
		}
		for i, id := range missionRules {
			if s.Name == policy.BuiltinFile(id) {
				opts = append(opts, rego.Module(s.Name, s.Text))
				pkg := "ifacelint.rules." + strings.ReplaceAll(strings.ReplaceAll(id, "/", "."), "-", "_")
				parts = append(parts, fmt.Sprintf("r%d := data.%s.deny", i, pkg))
			}
		}
		if s.Name == "policies/lib/lib.rego" {
			opts = append(opts, rego.Module(s.Name, s.Text))
		}
	}
	if len(parts) != len(missionRules) {
		return errors.New("not every mission rule was found")
	}
	pq, err := rego.New(append(opts, rego.Query(strings.Join(parts, "; ")), rego.SetRegoVersion(ast.RegoV1))...).PrepareForEval(ctx)
	if err != nil {
		return err
	}
	var paths []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (filepath.Ext(p) == ".yaml" || filepath.Ext(p) == ".yml") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	var (
		next, findings, docs atomic.Int64
		wg                   sync.WaitGroup
		errOnce              sync.Once
		firstErr             error
	)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				if err := lintFile(ctx, pq, paths[i], now, &findings, &docs); err != nil {
					errOnce.Do(func() { firstErr = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	fmt.Printf("%d files, %d documents, %d findings\n", len(paths), docs.Load(), findings.Load())
	return nil
}

func lintFile(ctx context.Context, pq rego.PreparedEvalQuery, path string, now time.Time, findings, docs *atomic.Int64) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var doc any
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		docs.Add(1)
		rs, err := pq.Eval(ctx, rego.EvalInput(doc), rego.EvalTime(now))
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, r := range rs {
			for _, v := range r.Bindings {
				if l, ok := v.([]any); ok {
					findings.Add(int64(len(l)))
				}
			}
		}
	}
}
