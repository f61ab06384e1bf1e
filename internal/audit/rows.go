package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/ifacelint/ifacelint/internal/graph"
	"github.com/ifacelint/ifacelint/internal/textsafe"
	"github.com/ifacelint/ifacelint/pkg/inventory"
)

// The document readers: every value is read defensively (a schema-invalid
// document is still a register row) and redacted.

func interfaceRow(doc *inventory.Document) *Interface {
	v := doc.Object()
	in := &Interface{
		ID:   text(doc.ID),
		Name: str(v, "metadata", "name"),
		File: text(doc.File),
		Line: doc.Start().Line,

		Type: str(v, "spec", "type"), Direction: str(v, "spec", "direction"), Exposure: str(v, "spec", "exposure"),
		Environment: str(v, "spec", "environment"), Criticality: str(v, "spec", "criticality"),
		Privileged: yesNo(v, "spec", "privileged"),

		OwnerTeam: str(v, "metadata", "owner", "team"), OwnerContact: str(v, "metadata", "owner", "contact"),
		System: str(v, "metadata", "labels", "system"),

		Classification: str(v, "spec", "data", "classification"),
		Categories:     strs(v, "spec", "data", "categories"),

		AuthMethods: strs(v, "spec", "authentication", "methods"),
		MFA:         yesNo(v, "spec", "authentication", "mfa"),

		TLS:           yesNo(v, "spec", "encryption", "inTransit", "tls"),
		TLSMinVersion: str(v, "spec", "encryption", "inTransit", "minVersion"),
		MTLS:          yesNo(v, "spec", "encryption", "inTransit", "mtls"),

		Logging:          yesNo(v, "spec", "logging", "enabled"),
		LogRetentionDays: str(v, "spec", "logging", "retentionDays"),

		ThirdParty:   str(v, "spec", "thirdParty"),
		LastReviewed: str(v, "metadata", "lastReviewed"),
	}
	if in.Environment == "" && in.Type != "" {
		in.Environment = "production" // the schema's default
	}
	flows, _ := get(v, "spec", "data", "flows").([]any)
	for _, f := range flows {
		m, _ := f.(map[string]any)
		in.Flows = append(in.Flows, graph.Flow{From: str(m, "from"), To: str(m, "to")})
	}
	waivers, _ := get(v, "metadata", "waivers").([]any)
	for _, w := range waivers {
		m, _ := w.(map[string]any)
		wv := Waiver{Rule: str(m, "rule"), Expires: str(m, "expires"), ApprovedBy: str(m, "approvedBy"), Reason: str(m, "reason")}
		in.Waivers = append(in.Waivers, wv)
	}
	return in
}

func supplierRow(doc *inventory.Document) *Supplier {
	v := doc.Object()
	return &Supplier{
		ID: text(doc.ID), Name: cmp.Or(str(v, "metadata", "name"), text(doc.ID)),
		File: text(doc.File), Line: doc.Start().Line, Defined: true,
		Services:         str(v, "spec", "services"),
		AssessmentDate:   str(v, "spec", "assessment", "date"),
		AssessmentResult: str(v, "spec", "assessment", "result"),
		Reviewer:         str(v, "spec", "assessment", "reviewer"),
		DPA:              yesNo(v, "spec", "contract", "dpa"),
		SecurityAddendum: yesNo(v, "spec", "contract", "securityAddendum"),
		ContractExpires:  str(v, "spec", "contract", "expires"),
		Certifications:   strs(v, "spec", "certifications"),
		Tier:             str(v, "spec", "tier"),
		BAA:              yesNo(v, "spec", "contract", "baa"),
		Assurance:        assurance(v),
		Subprocessors:    strs(v, "spec", "subprocessors"),
	}
}

// assurance lists a ThirdParty's assurance reports as "TYPE to PERIODEND".
func assurance(v any) []string {
	list, _ := get(v, "spec", "assurance").([]any)
	var out []string
	for _, r := range list {
		typ, end := str(r, "type"), str(r, "periodEnd")
		if typ == "" && end == "" {
			continue
		}
		out = append(out, strings.TrimSpace(cmp.Or(typ, "report")+" to "+cmp.Or(end, "?")))
	}
	return out
}

func get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// text is an inventory string as the evidence holds it: plain, with
// credentials redacted (textsafe.Plain). Each renderer escapes it for its
// medium.
func text(s string) string { return textsafe.Plain(s) }

// scalar renders a scalar as the document wrote it; lists and maps (a
// schema-invalid document) are not shown.
func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return text(x)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case nil, map[string]any, []any:
		return ""
	}
	return text(fmt.Sprint(v))
}

func str(v any, path ...string) string { return scalar(get(v, path...)) }

func strs(v any, path ...string) []string {
	list, _ := get(v, path...).([]any)
	var out []string
	for _, item := range list {
		if s := scalar(item); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func yesNo(v any, path ...string) string {
	switch x := get(v, path...).(type) {
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case nil:
		return ""
	default:
		return scalar(x) // a schema-invalid value, shown as written
	}
}

// join lists values for a table cell.
func join(list []string) string { return strings.Join(list, ", ") }
