package notices_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/ifacelint/ifacelint/internal/notices"
)

// The committed THIRD_PARTY_NOTICES names every module the binary compiles
// in, on every release platform, with its licence: a dependency added to
// go.mod without `make notices` fails here.
func TestNoticesCurrent(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	mods, err := notices.Modules(context.Background(), "../..", "./cmd/ifacelint")
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) < 5 {
		t.Fatalf("only %d modules: %v", len(mods), mods)
	}
	got, err := notices.Build(runtime.GOROOT(), mods)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../THIRD_PARTY_NOTICES")
	if err != nil {
		t.Fatalf("%v: run make notices", err)
	}
	// The Go distribution's own licence may differ between Go releases in
	// white space only; compare the modules' sections exactly.
	if !bytes.Equal(modulesPart(got), modulesPart(want)) {
		t.Errorf("THIRD_PARTY_NOTICES is out of date with go.mod: run make notices")
	}
	for _, m := range mods {
		if !bytes.Contains(want, []byte("\n"+m.Path+" "+m.Version+" (")) {
			t.Errorf("THIRD_PARTY_NOTICES lacks %s %s", m.Path, m.Version)
		}
	}
	for _, must := range []string{"github.com/open-policy-agent/opa", "github.com/spf13/cobra", "go.yaml.in/yaml/v3", "The Go programming language"} {
		if !bytes.Contains(want, []byte(must)) {
			t.Errorf("THIRD_PARTY_NOTICES lacks %s", must)
		}
	}
}

func modulesPart(b []byte) []byte {
	s := string(b)
	i := strings.Index(s, "\n"+strings.Repeat("=", 78)+"\ngithub.com/")
	if i < 0 {
		return nil
	}
	return []byte(s[i:])
}

// A module without a licence file cannot ship: Build refuses it.
func TestBuildRefusesUnlicensed(t *testing.T) {
	dir := t.TempDir()
	_, err := notices.Build(t.TempDir(), []notices.Module{{Path: "example.com/x", Version: "v1.0.0", Dir: dir}})
	if err == nil || !strings.Contains(err.Error(), "no licence file") {
		t.Fatalf("err = %v, want no licence file", err)
	}
}
