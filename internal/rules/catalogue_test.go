package rules

import (
	"errors"
	"slices"
	"testing"
)

func TestCatalogueInsert(t *testing.T) {
	t.Parallel()
	c := New()
	for _, id := range []string{"b/two", "a/one", "c/three"} {
		if _, err := c.Insert(&Rule{ID: id, File: id + ".rego"}); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := c.IDs(), []string{"a/one", "b/two", "c/three"}; !slices.Equal(got, want) {
		t.Errorf("IDs = %q, want %q (sorted)", got, want)
	}
	prev, err := c.Insert(&Rule{ID: "b/two", File: "other.rego"})
	if !errors.Is(err, ErrTaken) || prev == nil || prev.File != "b/two.rego" {
		t.Errorf("Insert of a taken id = %v, %v; want ErrTaken and the rule holding it", prev, err)
	}
	if c.Get("b/two").File != "b/two.rego" || c.Get("nope") != nil || (*Catalogue)(nil).Get("a/one") != nil {
		t.Error("Get")
	}
	if got := c.DidYouMean("b/tow"); got != "; did you mean b/two?" {
		t.Errorf("DidYouMean = %q", got)
	}
	enabled := map[string]bool{"a/one": true, "c/three": false, SchemaInvalid: true}
	if got := c.Evaluate(enabled); !slices.Equal(got, []string{"a/one"}) {
		t.Errorf("Evaluate = %q", got)
	}
}

func TestSeverity(t *testing.T) {
	t.Parallel()
	if !Error.Fails(Warning) || Info.Fails(Warning) || Error.Fails(Never) {
		t.Error("Fails")
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity accepts fatal")
	}
	if s, err := ParseFailOn("never"); err != nil || s != Never {
		t.Error("ParseFailOn never")
	}
}
