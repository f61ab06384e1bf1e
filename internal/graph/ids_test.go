package graph

import (
	"slices"
	"strings"
	"testing"
)

// Node ids stay unique, and the same as ever, when many nodes share a base
// (interfaces without an id, or ids that differ only in punctuation), also
// when a generated suffix collides with another node's base; finding the
// next free suffix does not rescan the ones taken.
func TestIDsSharingABase(t *testing.T) {
	t.Parallel()
	var ifaces []Interface
	for _, id := range []string{"x", "", "x_2", "x", "", "x.", ""} {
		ifaces = append(ifaces, Interface{ID: id, Name: "n" + id, Exposure: "internal"})
	}
	g := Build(ifaces, nil)
	var ids []string
	for _, n := range g.Nodes {
		if n.Kind == InterfaceNode {
			ids = append(ids, n.ID)
		}
	}
	slices.Sort(ids)
	want := []string{"if__", "if___2", "if___3", "if_x", "if_x_", "if_x_2", "if_x_2_2"}
	if !slices.Equal(ids, want) {
		t.Errorf("ids %s, want %s", strings.Join(ids, " "), strings.Join(want, " "))
	}
}
