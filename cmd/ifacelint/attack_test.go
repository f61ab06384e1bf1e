package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"unicode"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ifacelint/ifacelint/internal/app"
	"github.com/ifacelint/ifacelint/internal/cache"
)

// TestAttacks runs the attack suite, testdata/attacks/*.txtar: what a
// hostile pull request can put in front of the gate (inventory, custom
// policies, a baseline, a config, file names, symlinks, FIFOs), each case a
// testscript run end to end against the real command line. Every run of the
// tool is guarded (guard_test.go): a watchdog and a resident-memory cap that
// hold under the race detector too. Every script must
//
//   - say what it attacks in a first comment line "# attack: …";
//   - run the tool with `attack CODE ifacelint …`, which asserts the exit
//     code, no crash, no guard tripped, no control character on stdout or
//     stderr, and no line of either that a GitHub Actions runner reads as a
//     workflow command (but the github format's own annotations);
//   - take a `snapshot` of its work directory before the attack and check
//     with `unchanged [PATH…]` after it that nothing but the named outputs
//     changed, appeared or disappeared.
func TestAttacks(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../testdata/attacks/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Errorf("the attack suite holds %d cases, want at least 25", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		script := string(b)
		for _, must := range []string{"# attack: ", "\nattack ", "\nsnapshot", "\nunchanged"} {
			if !strings.HasPrefix(script, must) && !strings.Contains(script, must) {
				t.Errorf("%s: an attack script needs %q", filepath.Base(f), strings.TrimSpace(must))
			}
		}
	}
	cmds := scriptCmds()
	cmds["attack"] = cmdAttack
	cmds["forgelisting"] = cmdForgeListing
	cmds["mkfifo"] = cmdMkfifo
	cmds["mvname"] = cmdMvname
	cmds["sizeunder"] = cmdSizeunder
	cmds["snapshot"] = cmdSnapshot
	cmds["unchanged"] = cmdUnchanged
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/attacks",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv(app.CacheEnv, os.Getenv(app.CacheEnv)) // outside $WORK: unchanged does not see it
			env.Setenv("IFACELINT_TEST_WATCHDOG", watchdog().String())
			env.Setenv("IFACELINT_TEST_MEMCAP", strconv.FormatInt(attackMemoryCap(), 10))
			env.Vars = append(env.Vars, "IFACELINT_ROOT="+mustAbs("../.."))
			return nil
		},
		Cmds: cmds,
	})
}

// attackMemoryCap is the resident-memory cap of one guarded run: generous,
// a safety net and not a measurement. The race detector's shadow memory
// adds several times the heap.
func attackMemoryCap() int64 {
	if raceEnabled {
		return 2 << 30
	}
	return 1 << 30
}

// forgelisting CACHEDIR REPO REF PATH OTHER rewrites the listing of REF's
// commit that the content cache in CACHEDIR keeps for runs against a base
// revision (app.BaseListingEntry), as whoever can write the cache could:
// PATH gets the object id of OTHER's version of it, so that the base
// would seem to hold OTHER's bytes there. The entry stays well formed and
// its checksum holds.
func cmdForgeListing(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 5 {
		ts.Fatalf("usage: forgelisting CACHEDIR REPO REF PATH OTHER")
	}
	repo := ts.MkAbs(args[1])
	revParse := func(rev string) string {
		out, err := exec.Command("git", "-C", repo, "rev-parse", "--verify", "--end-of-options", rev).Output()
		ts.Check(err)
		return strings.TrimSpace(string(out))
	}
	commit := revParse(args[2] + "^{commit}")
	was, now := revParse(args[2]+":"+args[3]), revParse(args[4]+":"+args[3])
	store, err := cache.Open(ts.MkAbs(args[0]), 0)
	ts.Check(err)
	ns, key := app.BaseListingEntry(commit)
	sp := store.Space(ns, cache.NoManifest)
	payload, ok := sp.Peek(key)
	if !ok {
		ts.Fatalf("forgelisting: the cache keeps no listing of %s", commit)
	}
	forged := bytes.Replace(payload, []byte(" "+was+" "), []byte(" "+now+" "), 1)
	if bytes.Equal(forged, payload) {
		ts.Fatalf("forgelisting: the listing of %s does not hold %s", commit, was)
	}
	sp.Put(key, forged)
	ts.Check(store.Close())
}

// attack CODE CMD ARGS... runs the tool, asserts its exact exit code, and
// fails on a crash, a tripped guard, or a control character in its output.
func cmdAttack(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: attack CODE ifacelint [args...]")
	}
	want, got := execExit(ts, "attack", args)
	stdout, stderr := ts.ReadFile("stdout"), ts.ReadFile("stderr")
	for _, marker := range []string{watchdogMarker, memcapMarker, "panic:", "goroutine ", "fatal error:", "runtime error:", "DATA RACE"} {
		if strings.Contains(stderr, marker) || strings.Contains(stdout, marker) {
			ts.Fatalf("the run failed a guard or crashed (%q):\n%s", marker, stderr)
		}
	}
	for stream, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
		if bad := controlChars([]byte(out)); len(bad) > 0 {
			ts.Fatalf("%s holds control characters: %q", stream, bad)
		}
		ownCommands := stream == "stdout" && githubRun(args[2:])
		if bad := workflowCommands(out, ownCommands); len(bad) > 0 {
			ts.Fatalf("%s holds lines a GitHub Actions runner reads as workflow commands: %q", stream, bad)
		}
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// workflowCommands returns the lines of out that a GitHub Actions runner
// reads as workflow commands: a line (ended by \n or \r) that starts with
// "::" once the white space .NET trims is trimmed (and U+180E, U+200B,
// U+FEFF, which older runtimes trimmed), or that holds the legacy "##[".
// With ownCommands (standard output of a github-format run) the
// annotations the github format writes pass: "::" in the first column, in
// the shape it writes them, properties escaped.
func workflowCommands(out string, ownCommands bool) []string {
	var bad []string
	for _, line := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.Contains(line, "##[") {
			bad = append(bad, line)
			continue
		}
		trimmed := strings.TrimLeftFunc(line, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp) ||
				(r >= 0x1c && r <= 0x1f) || r == 0x180e || r == 0x200b || r == 0xfeff
		})
		if !strings.HasPrefix(trimmed, "::") {
			continue
		}
		if ownCommands && trimmed == line && githubAnnotation.MatchString(line) {
			continue
		}
		bad = append(bad, line)
	}
	return bad
}

// githubAnnotation is a line of the github format: an annotation of a
// finding, the notice that says how many were left out, or the notice
// that states the accepted risk.
var githubAnnotation = regexp.MustCompile(`^::(error|warning|notice) file=[^,:]*,line=\d+(,col=\d+|,endLine=\d+(,col=\d+,endColumn=\d+)?),title=[^,:]*::|^::notice title=ifacelint::\d+ more findings? not shown as annotations|^::notice title=ifacelint accepted risk::`)

// githubRun reports whether the arguments of a run send the github format
// to standard output.
func githubRun(args []string) bool {
	for i, a := range args {
		if a == "--format=github" || a == "-fgithub" || (a == "github" && i > 0 && (args[i-1] == "-f" || args[i-1] == "--format")) {
			return true
		}
	}
	return false
}

// mkfifo PATH makes a named pipe: reading it without a writer blocks.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo PATH")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// mvname SRC DST renames SRC to DST, a Go-quoted string: a file name that
// holds a line break, a control character or bytes that are not UTF-8,
// which testscript's own commands cannot create.
func cmdMvname(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mvname SRC GO-QUOTED-DST")
	}
	dst, err := strconv.Unquote(args[1])
	if err != nil {
		ts.Fatalf("mvname: %s is not a Go-quoted string: %v", args[1], err)
	}
	ts.Check(os.Rename(ts.MkAbs(args[0]), ts.MkAbs(dst)))
}

// sizeunder FILE BYTES asserts that FILE is smaller than BYTES: output that
// hostile input can inflate stays bounded.
func cmdSizeunder(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sizeunder FILE BYTES")
	}
	limit, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		ts.Fatalf("sizeunder: bad size %q", args[1])
	}
	info, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	if info.Size() >= limit {
		ts.Fatalf("%s is %d bytes, want under %d", args[0], info.Size(), limit)
	}
}

// snapshots hold each script's state of $WORK, keyed by $WORK.
var snapshots sync.Map

// snapshot records every entry below $WORK: its type, mode, and the content
// hash of regular files (FIFOs and devices are never opened) or the target
// of symlinks.
func cmdSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: snapshot")
	}
	work := ts.Getenv("WORK")
	snapshots.Store(work, treeState(ts, work))
}

// unchanged [PATH...] compares $WORK with its snapshot: only the named paths
// (relative to $WORK) may differ. A temporary file left behind is a change.
func cmdUnchanged(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: unchanged [PATH...]")
	}
	work := ts.Getenv("WORK")
	v, ok := snapshots.Load(work)
	if !ok {
		ts.Fatalf("unchanged: no snapshot taken")
	}
	before, after := v.(map[string]string), treeState(ts, work)
	allowed := map[string]bool{}
	for _, a := range args {
		allowed[filepath.ToSlash(a)] = true
	}
	var changed []string
	for p, s := range after {
		if before[p] != s && !allowed[p] {
			changed = append(changed, fmt.Sprintf("%s (%s → %s)", p, orNone(before[p]), s))
		}
	}
	for p, s := range before {
		if _, ok := after[p]; !ok && !allowed[p] {
			changed = append(changed, fmt.Sprintf("%s (%s → removed)", p, s))
		}
	}
	sort.Strings(changed)
	if len(changed) > 0 {
		ts.Fatalf("files changed that the run was not asked to write:\n%s", strings.Join(changed, "\n"))
	}
}

func orNone(s string) string {
	if s == "" {
		return "absent"
	}
	return s
}

// ignoredState are testscript's own files in $WORK.
var ignoredState = []string{".tmp", "stdout", "stderr"}

func treeState(ts *testscript.TestScript, root string) map[string]string {
	state := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if slices.Contains(ignoredState, strings.Split(rel, "/")[0]) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch mode := info.Mode(); {
		case mode&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			state[rel] = "symlink to " + target
		case mode.IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			state[rel] = fmt.Sprintf("file %v %x", mode.Perm(), sha256.Sum256(b))
		default:
			state[rel] = fmt.Sprintf("%v", mode.Type()|mode.Perm())
		}
		return nil
	})
	ts.Check(err)
	return state
}
