package format

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ifacelint/ifacelint/internal/finding"
)

// Sibling is another output of the same run (lint -f FORMAT[=FILE]). A
// format that shows only part of the findings (markdown's table, github's
// annotations) names the siblings that hold the rest.
type Sibling struct {
	Format string
	File   string // "" is standard output
}

// gateFirst orders findings as the capped formats show them: those that
// fail the gate first, then by severity, then in report order (a stable
// sort of report-ordered findings). SARIF's cut keeps the same order.
func (r *Report) gateFirst(open []finding.Finding) {
	slices.SortStableFunc(open, func(a, b finding.Finding) int {
		return cmp.Or(
			-cmp.Compare(b2i(r.failsGate(&a)), b2i(r.failsGate(&b))),
			-cmp.Compare(a.Severity.Rank(), b.Severity.Rank()),
		)
	})
}

// whereAll says where every finding a capped output left out is: the
// json, text, SARIF, JUnit or GitLab outputs of the same run that list
// every open finding, and SARIF when its own cap leaves some out (it keeps
// the same order, so it lacks the last of them). file escapes a file name
// for the medium, and tick quotes a command. With no such sibling it names
// `ifacelint lint`.
func whereAll(r *Report, sibs []Sibling, sarif SARIF, file func(string) string, tick string) string {
	var all []string
	var partial string
	for _, s := range sibs {
		name := strings.ToUpper(s.Format)
		switch s.Format {
		case "json", "sarif", "junit":
		case "text", "gitlab":
			name = map[string]string{"text": "text", "gitlab": "GitLab"}[s.Format]
		default:
			continue
		}
		where := "standard output"
		if s.File != "" {
			where = file(s.File)
		}
		if s.Format == "sarif" {
			if n := sarif.Omitted(r); n > 0 {
				partial = fmt.Sprintf("the SARIF output (%s) holds them but for the last %d in this order (a SARIF run holds at most %d results)", where, n, SARIFMaxResults)
				continue
			}
		}
		all = append(all, fmt.Sprintf("the %s output of this run (%s)", name, where))
	}
	var b strings.Builder
	switch len(all) {
	case 0:
		b.WriteString(tick + "ifacelint lint" + tick + " lists them all")
	case 1:
		b.WriteString("all of them are in " + all[0])
	default:
		b.WriteString("all of them are in " + strings.Join(all[:len(all)-1], ", ") + " and " + all[len(all)-1])
	}
	if partial != "" {
		b.WriteString("; " + partial)
	}
	return b.String()
}

// failOnLabel names the gate for a line that counts failing findings.
func (r *Report) failOnLabel() string {
	level := r.FailOn
	if level == "" {
		level = "error"
	}
	s := "--fail-on " + string(level)
	if r.Base != nil && r.Base.NewOnly {
		s += ", new ones only"
	}
	return s
}
