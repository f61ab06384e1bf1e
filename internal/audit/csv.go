package audit

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/internal/textsafe"
)

// csvHeader names the register's columns. The last five repeat the
// provenance on every row, so a row copied out of the file still says where
// it came from (a CSV has no place for a header block).
var csvHeader = []string{
	"id", "name", "file", "line", "type", "direction", "exposure", "environment", "criticality", "privileged",
	"owner_team", "owner_contact", "system", "classification", "data_categories",
	"authentication_methods", "mfa", "tls", "tls_min_version", "mtls", "logging", "log_retention_days",
	"third_party", "last_reviewed", "open_errors", "open_warnings", "open_infos", "waived_findings", "waivers",
	"evaluated", "ifacelint_version", "policy_digest", "config_digest", "inventory_commit",
}

// CSV writes the interface register: a header row, then one row per
// Interface. Every cell is one printable line (textsafe.Terminal); cells a
// spreadsheet would run as a formula are neutralised.
//
// When the report was asked for frameworks, the rows go on with a
// frameworks column (their names and editions: provenance) and the
// coverage matrix of each, one column per control named "KEY ID" ("soc2
// CC6.1"), holding that interface's pass, waived or fail.
func CSV(w io.Writer, e *Evidence) error {
	cw := csv.NewWriter(w)
	header := slices.Clone(csvHeader)
	var matrix []*Control
	if len(e.Frameworks) > 0 {
		header = append(header, "frameworks")
		for _, fc := range e.Frameworks {
			for _, ctl := range fc.Coverage {
				header = append(header, fc.Key+" "+ctl.ID)
				matrix = append(matrix, ctl)
			}
		}
	}
	for i := range header {
		header[i] = csvCell(textsafe.Terminal(header[i])) // a custom control id is policy text
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	p := e.Provenance
	for n, in := range e.Register {
		row := []string{
			in.ID, in.Name, in.File, strconv.Itoa(in.Line), in.Type, in.Direction, in.Exposure, in.Environment, in.Criticality, in.Privileged,
			in.OwnerTeam, in.OwnerContact, in.System, in.Classification, join(in.Categories),
			join(in.AuthMethods), in.MFA, in.TLS, in.TLSMinVersion, in.MTLS, in.Logging, in.LogRetentionDays,
			in.ThirdParty, in.LastReviewed, strconv.Itoa(in.Open.Error), strconv.Itoa(in.Open.Warning), strconv.Itoa(in.Open.Info),
			strconv.Itoa(in.Waived), waiverList(in.Waivers),
			p.Evaluated, p.Version, p.PolicyDigest, p.ConfigDigest, p.Commit,
		}
		if len(e.Frameworks) > 0 {
			row = append(row, frameworksText(e.Frameworks))
			for _, ctl := range matrix {
				row = append(row, ctl.Status[n])
			}
		}
		for i := range row {
			row[i] = csvCell(textsafe.Terminal(row[i]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell prefixes a cell that begins with =, +, -, @, a tab or a carriage
// return with a single quote: spreadsheets would otherwise evaluate it as a
// formula (CSV injection). The quote shows, which is the point: the cell is
// text.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// waiverList renders waivers as "rule until date (status), approved by
// A, written at file:line: reason", separated by semicolons.
func waiverList(ws []Waiver) string {
	parts := make([]string, 0, len(ws))
	for _, w := range ws {
		parts = append(parts, waiverText(w))
	}
	return strings.Join(parts, "; ")
}

func waiverText(w Waiver) string {
	rule := w.Rule
	if rule == "" {
		rule = "(no rule)"
	}
	expires := w.Expires
	if expires == "" {
		expires = "no date"
	}
	out := rule + " until " + expires + " (" + w.Status + ")"
	if w.ApprovedBy != "" {
		out += ", approved by " + w.ApprovedBy
	}
	if w.WrittenAt != "" {
		out += ", written at " + w.WrittenAt
	}
	if w.Reason != "" {
		out += ": " + w.Reason
	}
	return out
}
