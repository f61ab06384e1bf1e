package inventorygen

import (
	"fmt"
	"strings"
	"time"
)

// Version changes whenever the output for the same Options changes, so a
// cached inventory written by an older generator is regenerated.
const Version = 5

// DefaultNow is the date at which generated documents are current: run the
// linter with `--now 2026-06-01` (lint tests use the same date).
var DefaultNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// Options shape an inventory.
type Options struct {
	// Interfaces is the number of Interface documents (at least 1).
	Interfaces int
	// Seed selects one of many equally realistic inventories; 0 means 1.
	Seed uint64
	// Now is the date at which clean documents pass every rule; zero means
	// DefaultNow.
	Now time.Time
	// FilesPerDir bounds the files in one folder; 0 means 100.
	FilesPerDir int
	// ViolationRate is the share of Interfaces with one planted violation;
	// 0 means 0.25, a negative value plants none.
	ViolationRate float64
	// SpecDir starts every spec.apiSpec path: the inventory's directory
	// relative to the repository root lint resolves those paths against
	// (the working directory outside a git repository), slash-separated.
	// Empty: the inventory's own directory is that root.
	SpecDir string
	// Heavy makes the inventory findings-heavy, as a first run over a real
	// organisation's inventory is: every Interface without a planted
	// violation breaks three or four more rules (see heavyViolations), about
	// three findings per document in all. Without it the output is the same
	// as before the option existed.
	Heavy bool
}

func (o Options) withDefaults() Options {
	if o.Interfaces < 1 {
		o.Interfaces = 1
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Now.IsZero() {
		o.Now = DefaultNow
	}
	o.Now = o.Now.UTC().Truncate(24 * time.Hour)
	if o.FilesPerDir <= 0 {
		o.FilesPerDir = 100
	}
	if o.ViolationRate == 0 {
		o.ViolationRate = 0.25
	}
	return o
}

// File is one generated inventory file.
type File struct {
	Path string // slash-separated, relative to the inventory root
	Data []byte
}

// Manifest describes a generated inventory and what linting it must report.
type Manifest struct {
	Version       int    `json:"version"`
	Interfaces    int    `json:"interfaces"`
	Seed          uint64 `json:"seed"`
	Now           string `json:"now"`
	FilesPerDir   int    `json:"filesPerDir"`
	ViolationRate string `json:"violationRate"`
	SpecDir       string `json:"specDir,omitempty"`
	Heavy         bool   `json:"heavy,omitempty"`
	// Descriptions is how many OpenAPI descriptions (.openapi.json, beside
	// the documents that name them) were written besides the Files.
	Descriptions int `json:"descriptions"`

	Files        int   `json:"files"`
	Documents    int   `json:"documents"`
	ThirdParties int   `json:"thirdParties"`
	Systems      int   `json:"systems"`
	Bytes        int64 `json:"bytes"`
	// Planted is the number of documents carrying a planted violation.
	Planted int `json:"planted"`
	// Findings is the number of open (unwaived) findings per rule that
	// linting the whole inventory at Now with every built-in rule enabled
	// must report; rules with none are absent.
	Findings map[string]int `json:"findings"`
	// Waived is the number of findings per rule that valid waivers accept.
	Waived map[string]int `json:"waived"`
	// Samples are a few file paths (relative, slash-separated) spread over
	// the inventory, e.g. the files a pre-commit hook would pass.
	Samples []string `json:"samples"`
}

// Matches reports whether m was generated from opts by this generator.
func (m *Manifest) Matches(opts Options) bool {
	opts = opts.withDefaults()
	return m.Version == Version && m.Interfaces == opts.Interfaces && m.Seed == opts.Seed &&
		m.Now == opts.Now.Format(time.DateOnly) && m.FilesPerDir == opts.FilesPerDir &&
		m.ViolationRate == rateText(opts.ViolationRate) && m.SpecDir == opts.SpecDir &&
		m.Heavy == opts.Heavy
}

func rateText(r float64) string { return fmt.Sprintf("%.4f", r) }

// Total is the number of open findings over all rules.
func (m *Manifest) Total() int {
	n := 0
	for _, c := range m.Findings {
		n += c
	}
	return n
}

// Generate produces the inventory file by file, in path order within each
// folder, handing each to emit; it stops at emit's first error. It holds
// one file at a time (and every file's path, for Manifest.Samples).
func Generate(opts Options, emit func(File) error) (*Manifest, error) {
	opts = opts.withDefaults()
	g := &generator{
		opts: opts,
		r:    newRNG(opts.Seed*0x2545f4914f6cdd1d + 7),
		emit: emit,
		m: &Manifest{
			Version: Version, Interfaces: opts.Interfaces, Seed: opts.Seed,
			Now: opts.Now.Format(time.DateOnly), FilesPerDir: opts.FilesPerDir,
			ViolationRate: rateText(opts.ViolationRate), SpecDir: opts.SpecDir,
			Heavy: opts.Heavy, Findings: map[string]int{}, Waived: map[string]int{},
		},
	}
	if err := g.run(); err != nil {
		return nil, err
	}
	return g.m, nil
}

// Files generates the whole inventory in memory: for tests and small
// benchmarks.
func Files(opts Options) ([]File, *Manifest) {
	var files []File
	m, err := Generate(opts, func(f File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		panic(err) // emit never fails here
	}
	return files, m
}

type generator struct {
	opts Options
	r    *rng
	emit func(File) error
	m    *Manifest

	goodTPs  []string // clean suppliers
	staleTPs []string // assessment missing, old or rejected
	noDPATPs []string // current assessment, no DPA
	// Suppliers with one flaw that a planted Interface using them reveals.
	expiredTPs     []string // contract expired
	noBAATPs       []string // no business associate agreement
	noAssuranceTPs []string // high or critical tier, no current assurance report
	noBreachTPs    []string // critical tier, no breach notification commitment
	tpTier         map[string]string

	deck    []int    // violations still to deal in this round
	seq     int      // Interfaces generated so far
	folder  int      // current folder number
	inDir   int      // files written to the current folder
	earlier []prior  // documents in earlier files of the current folder
	samples []string // paths of every file, thinned out at the end
	apis    int      // clean APIs that could name a description so far
}

type prior struct{ file, id string }

func (g *generator) run() error {
	if err := g.thirdParties(); err != nil {
		return err
	}
	if err := g.systems(); err != nil {
		return err
	}
	total := g.opts.Interfaces
	for g.seq < total {
		// About one file in twelve holds two or three documents.
		docs := 1
		if total-g.seq >= 2 && g.r.chance(0.08) {
			docs = 2
			if total-g.seq >= 3 && g.r.chance(0.25) {
				docs = 3
			}
		}
		if err := g.interfaceFile(docs); err != nil {
			return err
		}
	}
	g.pickSamples()
	return nil
}

func (g *generator) day(offset int) string {
	return g.opts.Now.AddDate(0, 0, offset).Format(time.DateOnly)
}

func (g *generator) write(p string, data []byte, docs int) error {
	g.m.Files++
	g.m.Documents += docs
	g.m.Bytes += int64(len(data))
	g.samples = append(g.samples, p)
	return g.emit(File{Path: p, Data: data})
}

// writeDescription writes an OpenAPI description beside the inventory
// files: not an inventory file, so neither counted nor sampled.
func (g *generator) writeDescription(p string, data []byte) error {
	g.m.Descriptions++
	return g.emit(File{Path: p, Data: data})
}

func (g *generator) pickSamples() {
	// Two files in the middle of the inventory (a pre-commit hook's
	// arguments) and a few more spread out.
	n := len(g.samples)
	var out []string
	for _, frac := range []float64{0.5, 0.51, 0.25, 0.75, 0.99} {
		i := min(int(frac*float64(n)), n-1)
		if len(out) == 0 || out[len(out)-1] != g.samples[i] {
			out = append(out, g.samples[i])
		}
	}
	g.m.Samples = out
	g.samples = nil
}

// --- third parties ----------------------------------------------------------

func (g *generator) thirdParties() error {
	good := min(max(g.opts.Interfaces/50, 1), 2000)
	bad := max(good/20, 1)
	var all []*thirdParty
	for i := range good {
		t := g.newThirdParty(i, "")
		g.goodTPs = append(g.goodTPs, t.id)
		// A few suppliers lack an owner contact: owner-assigned fires on them.
		if g.plants() && g.r.chance(0.05) {
			t.contact = ""
			g.m.Findings["ownership/owner-assigned"]++
			g.m.Planted++
		}
		all = append(all, t)
	}
	next := good
	flawed := func(flaw string, pool *[]string) {
		t := g.newThirdParty(next, flaw)
		next++
		*pool = append(*pool, t.id)
		all = append(all, t)
	}
	for range bad {
		flawed("stale", &g.staleTPs)
		flawed("no-dpa", &g.noDPATPs)
		flawed("expired", &g.expiredTPs)
		flawed("no-baa", &g.noBAATPs)
		flawed("no-assurance", &g.noAssuranceTPs)
		flawed("no-breach", &g.noBreachTPs)
	}
	// Flaws of the supplier itself, planted once: a conditional assessment
	// with an overdue condition, a reassessment falling due, and (below) a
	// supplier nothing uses.
	plant := func(flaw string) {
		all = append(all, g.newThirdParty(next, flaw))
		next++
		g.m.Findings[flawRule[flaw]]++
		g.m.Planted++
	}
	if g.plants() {
		plant("conditions")
		plant("review")
	}
	// Every supplier is the subprocessor of the one before it, the first of
	// the last: each is in use (third-party/unused) even when no Interface
	// happens to pick it.
	for i, t := range all {
		t.subprocessors = []string{all[(i+1)%len(all)].id}
	}
	if g.plants() {
		plant("unused")
	}
	g.tpTier = map[string]string{}
	for _, t := range all {
		g.tpTier[t.id] = t.tier
	}
	g.m.ThirdParties = len(all)
	const perFile = 3
	for start := 0; start < len(all); start += perFile {
		end := min(start+perFile, len(all))
		w := &writer{r: g.r}
		w.line(0, "# Suppliers we exchange data with (ISO/IEC 27001 A.5.19-5.22).")
		for i, t := range all[start:end] {
			if i > 0 {
				w.line(0, "---")
			}
			w.thirdParty(t)
		}
		dir := fmt.Sprintf("third-parties/batch-%02d", start/perFile/g.opts.FilesPerDir)
		name := fmt.Sprintf("suppliers-%04d.yaml", start/perFile)
		if err := g.write(dir+"/"+name, []byte(w.b.String()), end-start); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) plants() bool { return g.opts.ViolationRate > 0 }

func (g *generator) newThirdParty(i int, flaw string) *thirdParty {
	r := g.r
	word := supplierWords[i%len(supplierWords)]
	kind := pick(r, supplierKinds)
	id := fmt.Sprintf("%s-%s-%04d", strings.ToLower(word), strings.ToLower(kind), i)
	d := pick(r, domains)
	t := &thirdParty{
		id:          id,
		name:        fmt.Sprintf("%s %s %s", word, kind, pick(r, supplierSuffix)),
		description: fmt.Sprintf("%s supplier for the %s team. %s", kind, d.team, pick(r, supplierServices)),
		team:        d.team,
		contact:     d.team + "-vendors@kestrel.example.com",
		reviewed:    g.day(-r.between(5, 300)),
		vendorID:    fmt.Sprintf("VND-%05d", 1000+i),
		services:    pick(r, supplierServices),
		assessed:    g.day(-r.between(10, 330)),
		result:      weighted(r, []string{"approved", "conditional"}, []int{4, 1}),
		reviewer:    "vendor-risk@kestrel.example.com",
		dpa:         ptr(true),
		addendum:    r.chance(0.8),
		expires:     g.day(r.between(90, 1200)),
		certs:       some(r, certs, 1, 3),
		tier:        weighted(r, []string{"critical", "high", "medium", "low"}, []int{1, 3, 4, 2}),
		baa:         ptr(true),
		breachHours: pick(r, []int{24, 48, 72}),
	}
	for _, typ := range some(r, assuranceTypes, 1, 2) {
		t.assurance = append(t.assurance, assurance{typ: typ, end: g.day(-r.between(20, 300))})
	}
	if t.result == "conditional" {
		t.conditions = []condition{{description: pick(r, conditionTexts), due: g.day(r.between(10, 200))}}
		if r.chance(0.5) {
			t.conditions = append(t.conditions, condition{description: pick(r, conditionTexts), due: g.day(-r.between(10, 60)), met: true})
		}
	}
	switch flaw {
	case "stale":
		switch r.intn(3) {
		case 0:
			t.assessed = g.day(-r.between(400, 900))
		case 1:
			t.result = "rejected"
		default:
			t.assessed = ""
		}
	case "no-dpa":
		if r.chance(0.5) {
			t.dpa = ptr(false)
		} else {
			t.dpa = nil
		}
	case "expired":
		t.expires = g.day(-r.between(1, 300))
	case "no-baa":
		t.baa = nil
	case "no-assurance":
		t.tier = pick(r, []string{"high", "critical"})
		if r.chance(0.5) {
			t.assurance = nil
		} else {
			t.assurance = []assurance{{typ: pick(r, assuranceTypes), end: g.day(-r.between(400, 900))}}
		}
	case "no-breach":
		t.tier = "critical"
		t.breachHours = 0
	case "conditions":
		t.result = "conditional"
		t.conditions = []condition{{description: pick(r, conditionTexts), due: g.day(-r.between(5, 90))}}
	case "review":
		t.assessed = g.day(-r.between(336, 364))
	}
	return t
}

// flawRule is the rule a supplier's own flaw fires.
var flawRule = map[string]string{
	"conditions": "third-party/conditions-open",
	"review":     "third-party/review-due",
	"unused":     "third-party/unused",
}

var (
	assuranceTypes = []string{"soc2-type2", "iso27001", "pci-aoc", "pentest"}
	conditionTexts = []string{
		"Enforce SSO for every administrator login.",
		"Deliver the remediation plan for the penetration test findings.",
		"Enable encryption of backups at rest.",
		"Sign the updated security addendum.",
	}
)

// --- systems -------------------------------------------------------------------

// Systems the planted data-flow violations name: a store of restricted data
// (data/classification-propagation) and one in the internal trust zone
// (network/zone-crossing). The other systems declare no zone and no stored
// classification, so that a clean document's flows cross no zone and
// propagate nothing.
const (
	restrictedStore = "restricted-vault"
	zonedStore      = "internal-zone-store"
)

// onwardSystems are the systems flows carry data on to, beside the domains'.
var onwardSystems = []string{"audit-log", "notifications"}

// systems writes a System document for every system a flow names: each
// domain's systems, the onward ones, and the two the plants use.
func (g *generator) systems() error {
	type sys struct{ id, team, zone, stores string }
	var all []sys
	seen := map[string]bool{}
	add := func(s sys) {
		if !seen[s.id] {
			seen[s.id] = true
			all = append(all, s)
		}
	}
	for _, d := range domains {
		for _, id := range d.systems {
			add(sys{id: id, team: d.team})
		}
	}
	for _, id := range onwardSystems {
		add(sys{id: id, team: "platform"})
	}
	add(sys{id: restrictedStore, team: "payments", stores: "restricted"})
	add(sys{id: zonedStore, team: "platform", zone: "internal"})
	g.m.Systems = len(all)
	const perFile = 10
	for start := 0; start < len(all); start += perFile {
		end := min(start+perFile, len(all))
		w := &writer{r: g.r}
		w.line(0, "# Our own systems that the data flows name.")
		for i, s := range all[start:end] {
			if i > 0 {
				w.line(0, "---")
			}
			w.header("System")
			w.line(0, "metadata:")
			w.kv(1, "id", s.id)
			w.kv(1, "name", scalar(titleWords(strings.ReplaceAll(s.id, "-", " "))+" system", false))
			w.owner(s.team, s.team+"-oncall@kestrel.example.com")
			w.line(0, "spec:")
			if s.zone != "" {
				w.kv(1, "zone", s.zone)
			}
			if s.stores != "" {
				w.line(1, "stores:")
				w.kv(2, "classification", s.stores)
				w.kv(2, "location", "eu-central-1")
			} else {
				w.kv(1, "stores", "{location: eu-central-1}")
			}
		}
		if err := g.write(fmt.Sprintf("systems/catalogue/systems-%02d.yaml", start/perFile), []byte(w.b.String()), end-start); err != nil {
			return err
		}
	}
	return nil
}
