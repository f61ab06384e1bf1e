// Package frameworks owns the control catalogues of the compliance
// frameworks a rule's METADATA may map to: ISO/IEC 27001:2022 Annex A
// (custom.controls), SOC 2, NIST SP 800-53 Rev. 5, CIS Controls v8.1,
// PCI DSS v4.0.1, CSA CCM v4, the HIPAA Security Rule, GDPR and the OWASP
// API Security Top 10 2023 (custom.frameworks). Each catalogue is one JSON file in
// catalogues/, embedded in the binary: the control ids, a short title and
// the family or section. It knows nothing of rules or findings; package
// policy checks mappings against it and package audit titles the coverage
// matrix with it.
package frameworks

import (
	"embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// The framework keys, as written in METADATA custom.frameworks, in the
// config's frameworks:, in `report --framework` and in every output.
const (
	ISO27001 = "iso-27001"
	SOC2     = "soc2"
	NIST     = "nist-800-53"
	CIS      = "cis-v8"
	PCIDSS   = "pci-dss-4"
	CCM      = "ccm-v4"
	HIPAA    = "hipaa"
	GDPR     = "gdpr"
	OWASPAPI = "owasp-api-2023"
)

// Keys lists every framework, in the order every output shows them.
var Keys = []string{ISO27001, SOC2, NIST, CIS, PCIDSS, CCM, HIPAA, GDPR, OWASPAPI}

// aliases are other spellings of a key that mean the same framework
// wherever a key is read (Canonical); outputs write the key.
var aliases = map[string]string{"iso27001": ISO27001}

// Canonical returns the key that key means: key itself, or the key an
// alias stands for ("iso27001" is "iso-27001"); "" for neither.
func Canonical(key string) string {
	if slices.Contains(Keys, key) {
		return key
	}
	return aliases[key]
}

// IsAlias reports whether key is an alias of another key.
func IsAlias(key string) bool { _, ok := aliases[key]; return ok }

// idPatterns is what a control id of each framework looks like; the
// catalogue test holds every entry to it, so a typo in a data file fails.
var idPatterns = map[string]*regexp.Regexp{
	ISO27001: regexp.MustCompile(`^[5-8]\.[0-9]{1,2}$`),
	SOC2:     regexp.MustCompile(`^(CC[1-9]|A1|C1|PI1|P[1-8])\.[0-9]$`),
	NIST:     regexp.MustCompile(`^[A-Z]{2}-[1-9][0-9]?(\([1-9][0-9]?\))?$`),
	CIS:      regexp.MustCompile(`^[0-9]{1,2}\.[0-9]{1,2}$`),
	PCIDSS:   regexp.MustCompile(`^[0-9]{1,2}(\.[0-9]{1,2}){1,3}$`),
	CCM:      regexp.MustCompile(`^(A&A|[A-Z]{3})-[0-9]{2}$`),
	HIPAA:    regexp.MustCompile(`^164\.3(08|10|12|14|16)\([a-e]\)(\([1-9]\)(\((i|ii|iii|iv)\)(\([A-E]\))?)?)?$`),
	GDPR:     regexp.MustCompile(`^[1-9][0-9]?(\([1-9]\)(\([a-f]\))?)?$`),
	OWASPAPI: regexp.MustCompile(`^API([1-9]|10)$`),
}

// Control is one entry of a catalogue.
type Control struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Family string `json:"family"`
}

// Framework is one catalogue.
type Framework struct {
	Key      string    `json:"key"`
	Name     string    `json:"name"`    // with its version: "NIST SP 800-53 Rev. 5"
	Short    string    `json:"short"`   // "NIST 800-53": cards, switcher buttons
	Version  string    `json:"version"` // the release within that version: "release 5.1.1"
	Note     string    `json:"note"`    // what the catalogue holds, and whose words the titles are
	Controls []Control `json:"controls"`

	// User is set on a framework a config defines (NewUser); Source is
	// then its catalogue file, as the config names it.
	User   bool   `json:"-"`
	Source string `json:"-"`

	index map[string]int
}

// Has reports whether id is a control of the framework.
func (f *Framework) Has(id string) bool {
	_, ok := f.index[id]
	return ok
}

// Title is the control's title, "" for an id not in the catalogue.
func (f *Framework) Title(id string) string {
	if i, ok := f.index[id]; ok {
		return f.Controls[i].Title
	}
	return ""
}

// Family is the control's family or section, "" for an id not in the
// catalogue.
func (f *Framework) Family(id string) string {
	if i, ok := f.index[id]; ok {
		return f.Controls[i].Family
	}
	return ""
}

// Position is the control's place in the catalogue, which is the
// framework's own order; ok is false for an id not in it.
func (f *Framework) Position(id string) (pos int, ok bool) {
	pos, ok = f.index[id]
	return pos, ok
}

//go:embed catalogues/*.json
var files embed.FS

// byKey parses the catalogues when first asked for, not at start-up: most
// runs (lint, validate) never need them.
var byKey = sync.OnceValue(func() map[string]*Framework {
	m := map[string]*Framework{}
	for _, key := range Keys {
		f, err := parse(key)
		if err != nil {
			panic(err) // embedded data; TestCatalogues reports it first
		}
		m[key] = f
	}
	return m
})

// parse reads and checks one embedded catalogue.
func parse(key string) (*Framework, error) {
	name := "catalogues/" + key + ".json"
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	f := &Framework{}
	if err := dec.Decode(f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if f.Key != key {
		return nil, fmt.Errorf("%s: key %q, want %q", name, f.Key, key)
	}
	if f.Name == "" || f.Short == "" || f.Version == "" || len(f.Controls) == 0 {
		return nil, fmt.Errorf("%s: name, short, version and controls are required", name)
	}
	f.index = make(map[string]int, len(f.Controls))
	for i, c := range f.Controls {
		switch {
		case !idPatterns[key].MatchString(c.ID):
			return nil, fmt.Errorf("%s: %q is not a %s control id", name, c.ID, f.Short)
		case c.Title == "" || c.Family == "":
			return nil, fmt.Errorf("%s: %s needs a title and a family", name, c.ID)
		}
		if _, dup := f.index[c.ID]; dup {
			return nil, fmt.Errorf("%s: %s is listed twice", name, c.ID)
		}
		f.index[c.ID] = i
	}
	return f, nil
}

// Get returns the framework with that key or alias, or nil.
func Get(key string) *Framework { return byKey()[Canonical(key)] }

// All returns every framework, in Keys order.
func All() []*Framework {
	out := make([]*Framework, len(Keys))
	for i, k := range Keys {
		out[i] = byKey()[k]
	}
	return out
}

// KeyList is the keys joined for a message: "iso-27001, soc2, …".
func KeyList() string { return strings.Join(Keys, ", ") }

// NewUser builds a framework a config defines (frameworks: entries with a
// catalogue file): its key, title and controls, in the order written. The
// caller has checked the key against the built-in ones and each id for
// being non-empty and unique; NewUser refuses what slipped through.
func NewUser(key, title, source string, controls []Control) (*Framework, error) {
	if Canonical(key) != "" {
		return nil, fmt.Errorf("%s is a built-in framework", key)
	}
	f := &Framework{Key: key, Name: title, Short: title, Version: "catalogue " + source, Controls: controls, User: true, Source: source}
	f.index = make(map[string]int, len(controls))
	for i, c := range controls {
		if c.ID == "" {
			return nil, fmt.Errorf("control %d has no id", i+1)
		}
		if _, dup := f.index[c.ID]; dup {
			return nil, fmt.Errorf("%s is listed twice", c.ID)
		}
		f.index[c.ID] = i
	}
	return f, nil
}
