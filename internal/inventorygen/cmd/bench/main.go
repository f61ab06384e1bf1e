//go:build ifacelint_tools

// Command bench is the end-to-end half of `make bench`: it runs the
// ifacelint binary on generated inventories the way people run it and
// reports the median wall time, CPU time (user+sys) and peak RSS of each
// scenario against the performance targets (docs/performance.md).
//
//	go run ./internal/inventorygen/cmd/bench -bin bin/ifacelint -dir /tmp/ifacelint-bench -sizes 1,1000,10000
//
// Inventories are generated into -dir once and reused. CPU time and peak
// RSS come from the kernel's accounting of the child process (wait4's
// rusage), the same numbers GNU time prints as %U+%S and %M. Before the
// timed runs, one untimed run per scenario writes JSON and checks that the
// findings per rule equal what the generator planted.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ifacelint/ifacelint/internal/inventorygen"
	"github.com/ifacelint/ifacelint/internal/risk"
)

var missionRules = []string{
	"authentication/admin-mfa",
	"transport/tls-required",
	"authorization/scoped-tokens",
	"logging/enabled",
	"ownership/owner-assigned",
}

// scenario is one way of running the linter, with its target.
type scenario struct {
	name    string
	size    int      // the inventory it needs
	args    []string // after `lint`
	only    []string // enabled rules when not all (for the check)
	check   bool     // compare findings per rule with the manifest
	target  string   // what the issue asks, for the table
	maxWall time.Duration
	maxRSS  int64 // bytes; 0: no target
	// cache is the content cache directory (inside the bench directory)
	// the scenario runs with; empty runs with --no-cache. The directory is
	// emptied before the scenario, so its warm-up run fills it.
	cache string
	// prepare, when set, runs (untimed) before each run.
	prepare func() error
	// heavy: the scenario lints the findings-heavy inventory of its size.
	heavy bool
}

type sample struct {
	wall, cpu time.Duration
	rss       int64 // bytes
}

type result struct {
	Scenario string        `json:"scenario"`
	Runs     int           `json:"runs"`
	Wall     time.Duration `json:"wallNs"`
	CPU      time.Duration `json:"cpuNs"`
	RSS      int64         `json:"peakRssBytes"`
	MinWall  time.Duration `json:"minWallNs"`
	MaxWall  time.Duration `json:"maxWallNs"`
	Target   string        `json:"target"`
	Met      *bool         `json:"met,omitempty"`
	Check    string        `json:"check"`
	PerIface time.Duration `json:"wallPerInterfaceNs"`
}

func main() {
	var (
		bin     = flag.String("bin", "bin/ifacelint", "the ifacelint binary")
		dir     = flag.String("dir", filepath.Join(os.TempDir(), "ifacelint-bench"), "where inventories, configs and results are kept")
		sizesF  = flag.String("sizes", "1,1000,10000", "inventory sizes (Interfaces) to run; 100000 is opt-in")
		runs    = flag.Int("runs", 5, "timed runs per scenario (the median is reported)")
		warmup  = flag.Int("warmup", 1, "untimed runs before the timed ones (besides the check)")
		checkF  = flag.Bool("check", true, "check the findings per rule against the generator's manifest")
		onlyF   = flag.String("only", "", "run only the scenarios whose name contains this")
		timeout = flag.Duration("timeout", 2*time.Hour, "--timeout passed to ifacelint (its 60s default is too short for 100,000 interfaces)")
		heavyF  = flag.String("heavy", "10000", "findings-heavy inventory sizes (about three findings per document) to run; 100000 is opt-in, empty for none")
	)
	flag.Parse()
	if err := run(*bin, *dir, *sizesF, *heavyF, *runs, *warmup, *checkF, *onlyF, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(bin, dir, sizesF, heavyF string, runs, warmup int, check bool, only string, timeout time.Duration) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s: build it first (make build)", bin)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return err
	}
	sizes, err := parseSizes("-sizes", sizesF)
	if err != nil {
		return err
	}
	heavySizes, err := parseSizes("-heavy", heavyF)
	if err != nil {
		return err
	}

	fmt.Printf("ifacelint end-to-end benchmark · %s · GOMAXPROCS %d · %d runs per scenario, median\n", machine(), runtime.NumCPU(), runs)
	manifests := map[int]*inventorygen.Manifest{}
	for _, n := range slices.Sorted(maps.Keys(sizes)) {
		start := time.Now()
		m, reused, err := inventorygen.Ensure(filepath.Join(dir, invDir(n)), inventorygen.Options{Interfaces: n, SpecDir: invDir(n)})
		if err != nil {
			return err
		}
		verb := "generated"
		if reused {
			verb = "reused"
		}
		fmt.Printf("inventory %7d interfaces: %s (%d files, %d documents, %.1f MiB, %d planted findings) in %s\n",
			n, verb, m.Files, m.Documents, float64(m.Bytes)/(1<<20), m.Total(), time.Since(start).Round(time.Millisecond))
		manifests[n] = m
	}
	heavyManifests := map[int]*inventorygen.Manifest{}
	for _, n := range slices.Sorted(maps.Keys(heavySizes)) {
		start := time.Now()
		m, reused, err := inventorygen.Ensure(filepath.Join(dir, heavyDir(n)), inventorygen.Options{Interfaces: n, SpecDir: heavyDir(n), Heavy: true})
		if err != nil {
			return err
		}
		verb := "generated"
		if reused {
			verb = "reused"
		}
		fmt.Printf("heavy inventory %7d interfaces: %s (%d files, %d documents, %.1f MiB, %d planted findings) in %s\n",
			n, verb, m.Files, m.Documents, float64(m.Bytes)/(1<<20), m.Total(), time.Since(start).Round(time.Millisecond))
		heavyManifests[n] = m
	}
	ruleIDs, err := ruleIDs(bin)
	if err != nil {
		return err
	}
	if err := writeConfigs(dir, "", invDir, sizes, ruleIDs); err != nil {
		return err
	}
	if err := writeConfigs(dir, "heavy-", heavyDir, heavySizes, ruleIDs); err != nil {
		return err
	}

	now := "--now=" + inventorygen.DefaultNow.Format(time.DateOnly)
	common := []string{now, "--timeout=" + timeout.String(), "--color=never"}
	var scenarios []scenario
	if sizes[1] {
		scenarios = append(scenarios, scenario{name: "1 interface, all rules", size: 1, check: true,
			args: append([]string{"--config", "all-1.yaml"}, common...), target: "< 80 ms wall", maxWall: 80 * time.Millisecond})
	}
	if sizes[1000] {
		m := manifests[1000]
		scenarios = append(scenarios,
			scenario{name: "pre-commit: 2 files, 1,000-interface context", size: 1000,
				args:   append([]string{"--config", "all-1000.yaml", filepath.Join(invDir(1000), m.Samples[0]), filepath.Join(invDir(1000), m.Samples[1])}, common...),
				target: "< 300 ms wall", maxWall: 300 * time.Millisecond},
			scenario{name: "1,000 interfaces, all rules", size: 1000, check: true,
				args: append([]string{"--config", "all-1000.yaml"}, common...), target: "(curve)"})
	}
	if sizes[10000] {
		scenarios = append(scenarios,
			scenario{name: "10,000 interfaces, mission rules only", size: 10000, check: true, only: missionRules,
				args: append([]string{"--config", "mission-10000.yaml"}, common...), target: "<= 1.5 s wall", maxWall: 1500 * time.Millisecond},
			scenario{name: "10,000 interfaces, all rules", size: 10000, check: true,
				args: append([]string{"--config", "all-10000.yaml"}, common...), target: "<= 2.5 s wall", maxWall: 2500 * time.Millisecond})
		warm, err := warmScenarios(bin, dir, "", invDir(10000), "all-10000", manifests[10000], common)
		if err != nil {
			return err
		}
		scenarios = append(scenarios, warm...)
	}
	for n := range heavySizes {
		hs, err := heavyScenarios(bin, dir, n, heavyManifests[n], common)
		if err != nil {
			return err
		}
		scenarios = append(scenarios, hs...)
	}
	for n := range sizes {
		if n != 1 && n != 1000 && n != 10000 {
			sc := scenario{name: fmt.Sprintf("%s interfaces, all rules", thousands(n)), size: n, check: true,
				args: append([]string{"--config", fmt.Sprintf("all-%d.yaml", n)}, common...), target: "(curve)"}
			if n == 100000 {
				sc.target, sc.maxWall, sc.maxRSS = "<= 25 s wall, <= 300 MiB RSS", 25*time.Second, 300<<20
			}
			scenarios = append(scenarios, sc)
		}
	}
	slices.SortStableFunc(scenarios, func(a, b scenario) int { return a.size - b.size })

	var results []result
	for _, sc := range scenarios {
		if only != "" && !strings.Contains(sc.name, only) {
			continue
		}
		if sc.cache == "" {
			sc.args = append(sc.args, "--no-cache")
		} else {
			cacheDir := filepath.Join(dir, sc.cache)
			if err := os.RemoveAll(cacheDir); err != nil {
				return err
			}
			sc.args = append(sc.args, "--cache-dir="+cacheDir)
		}
		fmt.Printf("\n%s\n  ifacelint lint %s\n", sc.name, strings.Join(sc.args, " "))
		res := result{Scenario: sc.name, Target: sc.target, Check: "-"}
		if check && sc.check {
			m := manifests[sc.size]
			if sc.heavy {
				m = heavyManifests[sc.size]
			}
			res.Check = checkFindings(bin, dir, sc, m)
			fmt.Printf("  check: %s\n", res.Check)
		}
		for range warmup {
			if _, err := measure(bin, dir, sc.args, io.Discard); err != nil {
				return fmt.Errorf("%s: %w", sc.name, err)
			}
		}
		var samples []sample
		for i := range runs {
			if sc.prepare != nil {
				if err := sc.prepare(); err != nil {
					return fmt.Errorf("%s: %w", sc.name, err)
				}
			}
			s, err := measure(bin, dir, sc.args, io.Discard)
			if err != nil {
				return fmt.Errorf("%s: %w", sc.name, err)
			}
			fmt.Printf("  run %d: wall %s  cpu %s  rss %s\n", i+1, dur(s.wall), dur(s.cpu), mib(s.rss))
			samples = append(samples, s)
		}
		res.Runs = len(samples)
		res.Wall = median(samples, func(s sample) float64 { return float64(s.wall) })
		res.CPU = median(samples, func(s sample) float64 { return float64(s.cpu) })
		res.RSS = int64(median(samples, func(s sample) float64 { return float64(s.rss) }))
		res.MinWall = time.Duration(slices.MinFunc(samples, func(a, b sample) int { return int(a.wall - b.wall) }).wall)
		res.MaxWall = time.Duration(slices.MaxFunc(samples, func(a, b sample) int { return int(a.wall - b.wall) }).wall)
		if sc.check { // a whole inventory, not a few files of it
			res.PerIface = res.Wall / time.Duration(sc.size)
		}
		if sc.maxWall > 0 || sc.maxRSS > 0 {
			met := (sc.maxWall == 0 || res.Wall <= sc.maxWall) && (sc.maxRSS == 0 || res.RSS <= sc.maxRSS)
			res.Met = &met
		}
		results = append(results, res)
	}
	table := render(results)
	fmt.Print("\n" + table)
	stamp := time.Now().UTC().Format("20060102T150405Z")
	if err := os.WriteFile(filepath.Join(dir, "results-"+stamp+".md"), []byte(table), 0o644); err != nil {
		return err
	}
	data, _ := json.MarshalIndent(results, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "results-"+stamp+".json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Printf("\nresults written to %s\n", filepath.Join(dir, "results-"+stamp+".{md,json}"))
	for _, r := range results {
		if strings.HasPrefix(r.Check, "MISMATCH") {
			return errors.New("findings differ from what the generator planted (see check lines above)")
		}
	}
	return nil
}

func invDir(n int) string { return "inventory-" + strconv.Itoa(n) }

// heavyDir is where the findings-heavy inventory of n Interfaces is kept.
func heavyDir(n int) string { return "inventory-heavy-" + strconv.Itoa(n) }

func parseSizes(flagName, list string) (map[int]bool, error) {
	sizes := map[int]bool{}
	for _, s := range strings.Split(list, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s %q: want comma-separated Interface counts", flagName, list)
		}
		sizes[n] = true
	}
	return sizes, nil
}

// heavyScenarios run the findings-heavy inventory of n Interfaces (about
// three findings per document, as a first run over a real organisation's
// inventory finds): cold with every rule and with the mission rules, cold
// writing JSON to a file, and at 10,000 the warm runs writing JSON (and
// SARIF) to a file, which is where rendering shows.
func heavyScenarios(bin, dir string, n int, m *inventorygen.Manifest, common []string) ([]scenario, error) {
	cfg := fmt.Sprintf("heavy-all-%d.yaml", n)
	name := fmt.Sprintf("%s heavy interfaces", thousands(n))
	jsonOut := []string{"-f", "json", "-o", filepath.Join(dir, fmt.Sprintf("heavy-%d.json", n))}
	sarifOut := []string{"-f", "sarif", "-o", filepath.Join(dir, fmt.Sprintf("heavy-%d.sarif", n))}
	out := []scenario{
		{name: name + ", all rules", size: n, heavy: true, check: true,
			args: append([]string{"--config", cfg}, common...), target: "(against the bare pipeline)"},
		{name: name + ", mission rules only", size: n, heavy: true, check: true, only: missionRules,
			args: append([]string{"--config", fmt.Sprintf("heavy-mission-%d.yaml", n)}, common...), target: "(against the bare pipeline)"},
		{name: name + ", all rules, JSON to a file", size: n, heavy: true,
			args: append(append([]string{"--config", cfg}, common...), jsonOut...), target: "(the cold run the warm ones count against)"},
	}
	if n == 100000 {
		// The verdict is the RSS; the ratio to the 10,000 run is read from the table.
		out[2].target, out[2].maxRSS = "<= 512 MiB RSS, <= 10.5x the 10,000 run", 512<<20
		return out, nil
	}
	if n != 10000 {
		return out, nil
	}
	warm, err := warmScenarios(bin, dir, "heavy-", heavyDir(n), "heavy-all-10000", m, append(append([]string(nil), common...), jsonOut...))
	if err != nil {
		return nil, err
	}
	warm = slices.DeleteFunc(warm, func(sc scenario) bool { return strings.HasPrefix(sc.name, "pre-commit") })
	for i := range warm {
		warm[i].heavy = true
		warm[i].name = strings.Replace(warm[i].name, "10,000 interfaces", "10,000 heavy interfaces", 1) + ", JSON to a file"
		warm[i].cache = "heavy-" + warm[i].cache
	}
	out = append(out, warm...)
	out = append(out, scenario{name: name + ", all rules, warm, nothing changed, SARIF to a file", size: n, heavy: true,
		cache: "heavy-cache-warm-sarif", args: append(append([]string{"--config", cfg}, common...), sarifOut...), target: "<= 10% of the cold run"})
	return out, nil
}

// warmScenarios are the content cache's scenarios on the 10,000-interface
// inventory: a cold run that fills an empty cache, a warm run with nothing
// changed, a warm run after ten files changed (one of them a ThirdParty that
// Interfaces name, so their findings are worked out again), and pre-commit
// on two files, warm. The edits run on a copy of the inventory
// (inventory-10000-edited), restored and re-warmed before each run; they
// keep the planted findings, so the check still holds.
func warmScenarios(bin, dir, prefix, inv, config string, m *inventorygen.Manifest, common []string) ([]scenario, error) {
	edited := inv + "-edited"
	if err := copyDir(filepath.Join(dir, inv), filepath.Join(dir, edited)); err != nil {
		return nil, err
	}
	cfg := fmt.Sprintf("# generated by internal/inventorygen/cmd/bench\ninventory: [%s]\n", edited)
	if err := os.WriteFile(filepath.Join(dir, config+"-edited.yaml"), []byte(cfg), 0o644); err != nil {
		return nil, err
	}
	files, err := editTargets(filepath.Join(dir, edited))
	if err != nil {
		return nil, err
	}
	originals := make([][]byte, len(files))
	for i, f := range files {
		if originals[i], err = os.ReadFile(f); err != nil {
			return nil, err
		}
	}
	editArgs := append([]string{"--config", config + "-edited.yaml"}, common...)
	cacheEdited := filepath.Join(dir, prefix+"cache-edited")
	editCache := func() error {
		for i, f := range files {
			if err := os.WriteFile(f, originals[i], 0o644); err != nil {
				return err
			}
		}
		if _, err := measure(bin, dir, append(editArgs, "--cache-dir="+cacheEdited), io.Discard); err != nil {
			return err
		}
		for i, f := range files {
			data := string(originals[i])
			if i == 0 { // the ThirdParty: a change its index entry carries
				data = strings.Replace(data, "\nmetadata:\n", "\nmetadata:\n  x-edited: \"by the benchmark\"\n", 1)
			} else {
				data += "# edited by the benchmark\n"
			}
			if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
	precommit := append([]string{"--config", config + ".yaml",
		filepath.Join(inv, m.Samples[0]), filepath.Join(inv, m.Samples[1])}, common...)
	fill := "cache-fill"
	if prefix != "" {
		fill = "heavy-cache-fill"
	}
	return []scenario{
		{name: "10,000 interfaces, all rules, cold, filling the cache", size: 10000, check: true, cache: "cache-fill",
			args: append([]string{"--config", config + ".yaml"}, common...), target: "(the cold run's cost with the cache on)",
			prepare: func() error { return os.RemoveAll(filepath.Join(dir, fill)) }},
		{name: "10,000 interfaces, all rules, warm, nothing changed", size: 10000, check: true, cache: "cache-warm",
			args: append([]string{"--config", config + ".yaml"}, common...), target: "<= 10% of the cold run"},
		{name: "10,000 interfaces, all rules, warm, 10 files edited (one a referenced ThirdParty)", size: 10000, check: true,
			cache: "cache-edited", args: editArgs, target: "<= 15% of the cold run",
			prepare: editCache},
		{name: "pre-commit: 2 files, 10,000-interface context, warm", size: 10000, cache: "cache-precommit",
			args: precommit, target: "<= 5% of the cold full run"},
	}, nil
}

// editTargets picks the files the edit scenario changes: the first
// ThirdParty file, then nine Interface files, in path order.
func editTargets(root string) ([]string, error) {
	var third string
	var ifaces []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case third == "" && strings.Contains(string(data), "kind: ThirdParty"):
			third = p
		case len(ifaces) < 9 && strings.Contains(string(data), "kind: Interface") && !strings.Contains(string(data), "kind: ThirdParty"):
			ifaces = append(ifaces, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if third == "" || len(ifaces) < 9 {
		return nil, fmt.Errorf("%s: no ThirdParty file or fewer than nine Interface files to edit", root)
	}
	return append([]string{third}, ifaces...), nil
}

// copyDir copies a generated inventory (regular files and folders).
func copyDir(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}

// ruleIDs asks the binary for its catalogue.
func ruleIDs(bin string) ([]string, error) {
	out, err := exec.Command(bin, "rules", "-f", "json").Output()
	if err != nil {
		return nil, fmt.Errorf("%s rules -f json: %w", bin, err)
	}
	var cat struct {
		Rules []struct {
			ID string `json:"id"`
		} `json:"rules"`
	}
	if err := json.Unmarshal(out, &cat); err != nil {
		return nil, fmt.Errorf("%s rules -f json: %w", bin, err)
	}
	var ids []string
	for _, r := range cat.Rules {
		ids = append(ids, r.ID)
	}
	return ids, nil
}

// writeConfigs writes PREFIXall-N.yaml (every rule) and PREFIXmission-N.yaml
// (every rule but the mission rules and those no config may disable,
// disabled) for each size, naming the inventory inv(N).
func writeConfigs(dir, prefix string, inv func(int) string, sizes map[int]bool, ids []string) error {
	for n := range sizes {
		all := fmt.Sprintf("# generated by internal/inventorygen/cmd/bench\ninventory: [%s]\n", inv(n))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%sall-%d.yaml", prefix, n)), []byte(all), 0o644); err != nil {
			return err
		}
		var b strings.Builder
		b.WriteString(all + "rules:\n")
		for _, id := range ids {
			if !risk.NewFixed(nil).Has(id) && !slices.Contains(missionRules, id) { // the rules no change may bend always run
				fmt.Fprintf(&b, "  %s: {enabled: false}\n", id)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%smission-%d.yaml", prefix, n)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// measure runs the binary once in dir and returns what the kernel
// accounted for the child.
func measure(bin, dir string, args []string, stdout io.Writer) (sample, error) {
	cmd := exec.Command(bin, append([]string{"lint"}, args...)...)
	cmd.Dir = dir
	cmd.Stdout = stdout
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) { // 1: findings
		return sample{}, fmt.Errorf("%v\n%s", err, stderr.String())
	}
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return s, nil
}

// checkFindings runs the scenario once with JSON output and compares the
// findings per rule with the manifest.
func checkFindings(bin, dir string, sc scenario, m *inventorygen.Manifest) string {
	// The report goes to stdout as JSON here, whatever the scenario writes.
	var args []string
	for i := 0; i < len(sc.args); i++ {
		if sc.args[i] == "-o" || sc.args[i] == "-f" {
			i++
			continue
		}
		args = append(args, sc.args[i])
	}
	args = append(args, "-f", "json")
	var out strings.Builder
	if _, err := measure(bin, dir, args, &out); err != nil {
		return "MISMATCH: " + err.Error()
	}
	var rep struct {
		Findings []struct {
			Rule   string `json:"rule"`
			Waived bool   `json:"waived"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		return "MISMATCH: bad JSON: " + err.Error()
	}
	gotOpen, gotWaived := map[string]int{}, map[string]int{}
	for _, f := range rep.Findings {
		if f.Waived {
			gotWaived[f.Rule]++
		} else {
			gotOpen[f.Rule]++
		}
	}
	keep := func(id string) bool {
		return sc.only == nil || (risk.NewFixed(nil).Has(id) && id != "waiver/unused") || slices.Contains(sc.only, id)
	}
	var diffs []string
	compare := func(what string, got, want map[string]int) {
		ids := map[string]bool{}
		for id := range got {
			ids[id] = true
		}
		for id := range want {
			ids[id] = true
		}
		for _, id := range slices.Sorted(maps.Keys(ids)) {
			w := 0
			if keep(id) {
				w = want[id]
			}
			if got[id] != w {
				diffs = append(diffs, fmt.Sprintf("%s %s: reported %d, planted %d", what, id, got[id], w))
			}
		}
	}
	compare("open", gotOpen, m.Findings)
	compare("waived", gotWaived, m.Waived)
	if len(diffs) > 0 {
		return "MISMATCH: " + strings.Join(diffs, "; ")
	}
	total := 0
	for _, n := range gotOpen {
		total += n
	}
	return fmt.Sprintf("ok, %d findings as planted", total)
}

func median(xs []sample, key func(sample) float64) time.Duration {
	vals := make([]float64, len(xs))
	for i, x := range xs {
		vals[i] = key(x)
	}
	slices.Sort(vals)
	n := len(vals)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return time.Duration(vals[n/2])
	}
	return time.Duration(math.Round((vals[n/2-1] + vals[n/2]) / 2))
}

func render(results []result) string {
	var b strings.Builder
	b.WriteString("| scenario | median wall | min–max wall | median CPU (user+sys) | median peak RSS | wall per interface | target | verdict |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---|---|\n")
	for _, r := range results {
		verdict := "—"
		if r.Met != nil {
			verdict = "missed"
			if *r.Met {
				verdict = "met"
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s–%s | %s | %s | %s | %s | %s |\n", r.Scenario, dur(r.Wall), dur(r.MinWall), dur(r.MaxWall),
			dur(r.CPU), mib(r.RSS), perIface(r.PerIface), r.Target, verdict)
	}
	// Linearity: seconds per interface at 100,000 within 1.2x of 10,000.
	var at10k, at100k time.Duration
	for _, r := range results {
		switch r.Scenario {
		case "10,000 interfaces, all rules":
			at10k = r.PerIface
		case "100,000 interfaces, all rules":
			at100k = r.PerIface
		}
	}
	if at10k > 0 && at100k > 0 {
		ratio := float64(at100k) / float64(at10k)
		verdict := "missed"
		if ratio <= 1.2 {
			verdict = "met"
		}
		fmt.Fprintf(&b, "| linearity: wall per interface at 100,000 ÷ at 10,000 | %.2fx | | | | | <= 1.2x | %s |\n", ratio, verdict)
	}
	return b.String()
}

func dur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
}

func perIface(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	if d >= time.Millisecond {
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%d µs", d.Microseconds())
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// machine describes the CPU for the report header.
func machine() string {
	model := runtime.GOARCH
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d CPUs, %s/%s, %s", model, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}
