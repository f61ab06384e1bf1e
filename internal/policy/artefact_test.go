package policy

import (
	"bytes"
	"context"
	"maps"
	"reflect"
	"strings"
	"testing"
)

// memArtefacts is an artefact cache in memory that counts what it served.
type memArtefacts struct {
	m           map[[32]byte][]byte
	gets, saved int
}

func (a *memArtefacts) Get(k [32]byte) ([]byte, bool) {
	p, ok := a.m[k]
	if ok {
		a.gets++
	}
	return bytes.Clone(p), ok
}

func (a *memArtefacts) Put(k [32]byte, p []byte) {
	if a.m == nil {
		a.m = map[[32]byte][]byte{}
	}
	a.m[k] = bytes.Clone(p)
	a.saved++
}

func builtinNonTest(t *testing.T) []Source {
	t.Helper()
	src, err := BuiltinSources()
	if err != nil {
		t.Fatal(err)
	}
	return nonTest(src)
}

// The catalogue read back from the cache is the one the METADATA gives,
// field for field and type for type (parameters keep their Go types).
func TestBuiltinCatalogueFromCacheIsTheSame(t *testing.T) {
	want, err := Load(LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cache := &memArtefacts{}
	first, err := Load(LoadOptions{Artefacts: cache, Binary: []byte("bin")})
	if err != nil {
		t.Fatal(err)
	}
	if cache.saved != 1 || cache.gets != 0 {
		t.Fatalf("cold: %d saved, %d read; want the catalogue saved once", cache.saved, cache.gets)
	}
	warm, err := Load(LoadOptions{Artefacts: cache, Binary: []byte("bin")})
	if err != nil {
		t.Fatal(err)
	}
	if cache.gets != 1 || cache.saved != 1 {
		t.Fatalf("warm: %d read, %d saved; want the catalogue read and not saved again", cache.gets, cache.saved)
	}
	for _, got := range []*Set{first, warm} {
		if !reflect.DeepEqual(got.Catalogue.Rules, want.Catalogue.Rules) {
			for i, r := range want.Catalogue.Rules {
				if !reflect.DeepEqual(got.Catalogue.Rules[i], r) {
					t.Fatalf("rule %s differs:\n got %#v\nwant %#v", r.ID, got.Catalogue.Rules[i], r)
				}
			}
			t.Fatal("catalogues differ")
		}
		if got.Digest() != want.Digest() || len(got.Modules) != len(want.Modules) {
			t.Fatal("modules differ")
		}
	}
	// The modules are the same but for their METADATA, which the warm
	// run did not parse.
	for i, m := range warm.Modules {
		w := want.Modules[i].Copy()
		w.Annotations = nil
		for _, r := range w.Rules {
			r.Annotations = nil
		}
		if len(m.Annotations) != 0 || m.Compare(w) != 0 || m.String() != w.String() {
			t.Fatalf("module %s differs", m.Package)
		}
		if len(m.Comments) != len(w.Comments) {
			t.Fatalf("module %s: comments differ", m.Package)
		}
	}
}

// An entry is used only by the binary, OPA version and built-in sources
// that wrote it, and never once changed: a stale or altered entry is a
// miss, and the catalogue is the METADATA's.
func TestBuiltinCatalogueEntryStaleOrTampered(t *testing.T) {
	src := builtinNonTest(t)
	want, err := Load(LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	key := builtinCatalogueKey([]byte("bin"), src)
	edited := append([]Source(nil), src...)
	edited[1].Text += "\n# edited\n"
	for name, other := range map[string][32]byte{
		"another binary": builtinCatalogueKey([]byte("bin2"), src),
		"other sources":  builtinCatalogueKey([]byte("bin"), edited),
	} {
		if other == key {
			t.Errorf("%s: same key", name)
		}
	}

	good, err := encodeCatalogue(want.Catalogue)
	if err != nil {
		t.Fatal(err)
	}
	// reencode returns an entry of the catalogue with change applied to
	// its rules, with a correct SHA-256: what someone who can write the
	// cache directory could store.
	reencode := func(change func([]Rule)) []byte {
		var list []Rule
		for _, r := range want.Catalogue.Rules {
			c := *r
			c.Params = maps.Clone(r.Params)
			list = append(list, c)
		}
		change(list)
		cat := &Catalogue{}
		for i := range list {
			if list[i].ID != "" {
				cat.Rules = append(cat.Rules, &list[i])
			}
		}
		payload, err := encodeCatalogue(cat)
		if err != nil {
			t.Fatal(err)
		}
		return payload
	}
	find := func(list []Rule, id string) *Rule {
		for i := range list {
			if list[i].ID == id {
				return &list[i]
			}
		}
		t.Fatalf("no rule %s", id)
		return nil
	}
	damaged := bytes.Clone(good)
	damaged[len(damaged)/2] ^= 1
	cases := map[string][]byte{
		"damaged":   damaged,
		"truncated": good[:len(good)-7],
		"empty":     nil,
		"severity lowered": reencode(func(l []Rule) {
			find(l, "transport/tls-required").Severity = Info
		}),
		"kinds narrowed": reencode(func(l []Rule) {
			find(l, "transport/tls-required").Kinds = []string{"System"}
		}),
		"parameter changed": reencode(func(l []Rule) {
			find(l, "logging/retention").Params["minDays"] = 1
		}),
		"rule dropped": reencode(func(l []Rule) {
			copy(l, l[1:])
			l[len(l)-1] = Rule{}
		}),
	}
	for name, payload := range cases {
		t.Run(name, func(t *testing.T) {
			cache := &memArtefacts{m: map[[32]byte][]byte{key: payload}}
			set, err := Load(LoadOptions{Artefacts: cache, Binary: []byte("bin")})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(set.Catalogue.Rules, want.Catalogue.Rules) {
				t.Fatal("the altered entry changed the catalogue")
			}
			if cache.saved != 1 || !bytes.Equal(cache.m[key], good) {
				t.Fatal("the entry was not written again")
			}
		})
	}
}

// An engine of the built-in modules alone compiles them without OPA's type
// check (EngineOptions.BuiltinOnly): they must pass it, with every stage.
func TestBuiltinsCompileWithEveryStage(t *testing.T) {
	set, err := Load(LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !set.BuiltinOnly() {
		t.Fatal("the built-in set is not BuiltinOnly")
	}
	if _, err := Compile(set.Modules); err != nil {
		t.Fatal(err)
	}
}

// A custom module brings every compiler stage back, the type check
// included: a type error in it fails the engine.
func TestCustomModulesAreTypeChecked(t *testing.T) {
	set, err := loadUser(t, "typed.rego", "package ifacelint.rules.acme.typed\n\ndeny contains \"x\" if count(5) > 0\n")
	if err != nil {
		t.Fatal(err)
	}
	if set.BuiltinOnly() {
		t.Fatal("a set with a custom module is BuiltinOnly")
	}
	res, err := Resolve(set, nil, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewEngine(context.Background(), res.EngineOptions())
	if err == nil || !strings.Contains(err.Error(), "rego_type_error") {
		t.Fatalf("err = %v, want the type error", err)
	}
}
