package layers

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/doc"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/golden"
)

// maxPublic is how many packages pkg/ may hold: what the project promises
// to other Go programs stays small enough to keep (docs/architecture.md,
// "What is public").
const maxPublic = 4

// TestPublicAPI holds pkg/: at most maxPublic packages, each with a package
// comment that states its promise, none exposing a type of internal/ in its
// exported API (a caller could not name it, and internal/ changes freely),
// and the exported API of each in testdata/api.txt, so that a change to it
// is a diff to review (go test ./internal/layers -run TestPublicAPI -update).
func TestPublicAPI(t *testing.T) {
	t.Parallel()
	pkgs := listExport(t, "../../pkg/...")
	var public []exported
	for _, p := range pkgs {
		if strings.HasPrefix(p.ImportPath, module+"pkg/") && !p.DepOnly {
			public = append(public, p)
		}
	}
	if len(public) == 0 {
		t.Fatal("go list found no package under pkg/")
	}
	if len(public) > maxPublic {
		var names []string
		for _, p := range public {
			names = append(names, strings.TrimPrefix(p.ImportPath, module))
		}
		t.Errorf("pkg/ holds %d packages (%s), at most %d: what is public is a promise; keep the rest under internal/", len(public), strings.Join(names, ", "), maxPublic)
	}
	exports := map[string]string{}
	for _, p := range pkgs {
		exports[p.ImportPath] = p.Export
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok || file == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
	var api strings.Builder
	for _, p := range public {
		name := strings.TrimPrefix(p.ImportPath, module)
		if text := packageDoc(t, p); !strings.Contains(strings.ToLower(text), "promise") {
			t.Errorf("%s: its package comment must state what the package promises (and what it does not): %q", name, text)
		}
		pkg, err := imp.Import(p.ImportPath)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines, leaks := apiOf(pkg)
		for _, l := range leaks {
			t.Errorf("%s: %s", name, l)
		}
		fmt.Fprintf(&api, "package %s // %s\n", pkg.Name(), name)
		for _, l := range lines {
			fmt.Fprintf(&api, "\t%s\n", l)
		}
	}
	golden.Check(t, "api.txt", []byte(api.String()))
}

type exported struct {
	ImportPath string
	Dir        string
	Export     string
	GoFiles    []string
	DepOnly    bool
}

// listExport lists the packages of pattern and their dependencies with
// their export data (go list -export builds them, from the build cache
// when it can).
func listExport(t *testing.T, pattern string) []exported {
	t.Helper()
	cmd := exec.Command("go", "list", "-export", "-deps", "-json=ImportPath,Dir,Export,GoFiles,DepOnly", pattern)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []exported
	for {
		var p exported
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// packageDoc returns the package comment of p's non-test files.
func packageDoc(t *testing.T, p exported) string {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, f := range p.GoFiles {
		file, err := parser.ParseFile(fset, filepath.Join(p.Dir, f), nil, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	dp, err := doc.NewFromFiles(fset, files, p.ImportPath)
	if err != nil {
		t.Fatal(err)
	}
	return dp.Doc
}

// apiOf lists pkg's exported API, one line per declaration, field and
// method, sorted, and every place where a type of internal/ shows through
// it: in a signature, a field, an element, an embedded or aliased type.
func apiOf(pkg *types.Package) (lines, leaks []string) {
	qual := types.RelativeTo(pkg)
	str := func(typ types.Type) string { return types.TypeString(typ, qual) }
	seen := map[types.Type]bool{}
	var walk func(where string, typ types.Type)
	walk = func(where string, typ types.Type) {
		if alias, ok := typ.(*types.Alias); ok {
			if p := alias.Obj().Pkg(); p != nil && internal(p.Path()) {
				leaks = append(leaks, fmt.Sprintf("%s: internal type %s", where, alias.Obj().Name()))
			}
			typ = types.Unalias(alias)
		}
		switch t := typ.(type) {
		case *types.Named:
			p := t.Obj().Pkg()
			if p != nil && internal(p.Path()) {
				leaks = append(leaks, fmt.Sprintf("%s: internal type %s.%s", where, p.Path(), t.Obj().Name()))
				return
			}
			for i := range t.TypeArgs().Len() {
				walk(where, t.TypeArgs().At(i))
			}
			if p != pkg || seen[t] {
				return // another package's type (its API is its own), or one walked
			}
			seen[t] = true
			walk(where, t.Underlying())
			for i := range t.NumMethods() {
				if m := t.Method(i); m.Exported() {
					walk(where+"."+m.Name(), m.Type())
				}
			}
		case *types.Pointer:
			walk(where, t.Elem())
		case *types.Slice:
			walk(where, t.Elem())
		case *types.Array:
			walk(where, t.Elem())
		case *types.Map:
			walk(where, t.Key())
			walk(where, t.Elem())
		case *types.Chan:
			walk(where, t.Elem())
		case *types.Signature:
			for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
				for i := range tuple.Len() {
					walk(where, tuple.At(i).Type())
				}
			}
		case *types.Struct:
			for i := range t.NumFields() {
				if f := t.Field(i); f.Exported() || f.Embedded() {
					walk(where+"."+f.Name(), f.Type())
				}
			}
		case *types.Interface:
			for i := range t.NumMethods() {
				if m := t.Method(i); m.Exported() {
					walk(where+"."+m.Name(), m.Type())
				}
			}
			for i := range t.NumEmbeddeds() {
				walk(where, t.EmbeddedType(i))
			}
		}
	}
	scope := pkg.Scope()
	var consts, vars, funcs, typs []string
	for _, name := range scope.Names() { // sorted
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		walk(name, obj.Type())
		switch obj := obj.(type) {
		case *types.Const:
			consts = append(consts, fmt.Sprintf("const %s %s = %s", name, str(obj.Type()), obj.Val().ExactString()))
		case *types.Var:
			vars = append(vars, "var "+name+" "+str(obj.Type()))
		case *types.Func:
			funcs = append(funcs, "func "+name+strings.TrimPrefix(str(obj.Type()), "func"))
		case *types.TypeName:
			typs = append(typs, typeDecl(obj, str)...)
		}
	}
	return slices.Concat(consts, vars, funcs, typs), leaks
}

// typeDecl renders a type: its underlying type, a struct's exported fields
// one a line, then its exported methods.
func typeDecl(obj *types.TypeName, str func(types.Type) string) []string {
	name := obj.Name()
	if obj.IsAlias() {
		return []string{"type " + name + " = " + str(obj.Type())}
	}
	var out []string
	if st, ok := obj.Type().Underlying().(*types.Struct); ok {
		out = append(out, "type "+name+" struct")
		hidden := false
		for i := range st.NumFields() {
			f := st.Field(i)
			switch {
			case f.Embedded():
				out = append(out, "\t"+str(f.Type()))
			case f.Exported():
				out = append(out, "\t"+f.Name()+" "+str(f.Type()))
			default:
				hidden = true
			}
		}
		if hidden {
			out = append(out, "\t// unexported fields")
		}
	} else {
		out = append(out, "type "+name+" "+str(obj.Type().Underlying()))
	}
	named, ok := obj.Type().(*types.Named)
	if !ok {
		return out
	}
	var methods []string
	for i := range named.NumMethods() {
		m := named.Method(i)
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		recv := name
		if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
			recv = "*" + name
		}
		methods = append(methods, fmt.Sprintf("func (%s) %s%s", recv, m.Name(), strings.TrimPrefix(str(sig), "func")))
	}
	slices.Sort(methods)
	return append(out, methods...)
}

func internal(path string) bool {
	return strings.HasPrefix(path, module+"internal/") || strings.Contains(path, "/internal/") || strings.HasPrefix(path, "internal/")
}

// TestAPIOfFindsLeaks is apiOf's own test: every way an internal type can
// show through an exported API is found, and what a caller cannot reach
// (unexported names, fields and methods) is not.
func TestAPIOfFindsLeaks(t *testing.T) {
	t.Parallel()
	const internalSrc = `package secret
type T struct{ X int }
type G[E any] struct{ E E }
`
	const pubSrc = `package pub
import "github.com/ifacelint/ifacelint/internal/secret"
type Alias = secret.T
type Box struct {
	Field  *secret.T
	hidden secret.T
}
type Embeds struct{ secret.T }
type Iface interface{ Get() []secret.T }
type List []secret.G[int]
type Public struct{ N int }
func (Public) Method(m map[string]secret.T) {}
func (Public) unexported(secret.T)          {}
func Func(func(chan secret.T)) (*[2]secret.T, error) { return nil, nil }
var Var secret.T
func private() secret.T { return secret.T{} }
`
	fset := token.NewFileSet()
	check := func(path, src string, imp types.Importer) *types.Package {
		f, err := parser.ParseFile(fset, path+".go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		pkg, err := (&types.Config{Importer: imp}).Check(path, fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return pkg
	}
	secret := check(module+"internal/secret", internalSrc, nil)
	pub := check(module+"pkg/pub", pubSrc, importerFunc(func(path string) (*types.Package, error) {
		if path == secret.Path() {
			return secret, nil
		}
		return nil, fmt.Errorf("unknown import %s", path)
	}))
	_, leaks := apiOf(pub)
	var where []string
	for _, l := range leaks {
		where = append(where, strings.SplitN(l, ":", 2)[0])
	}
	slices.Sort(where)
	want := []string{"Alias", "Box.Field", "Embeds.T", "Func", "Func", "Iface.Get", "List", "Public.Method", "Var"}
	if !slices.Equal(where, want) {
		t.Errorf("leaks found at %q, want %q:\n%s", where, want, strings.Join(leaks, "\n"))
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
