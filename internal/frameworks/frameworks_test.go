package frameworks

import (
	"strings"
	"testing"
)

// Every catalogue file parses and passes parse's checks: the right key,
// ids in the framework's own spelling, a title and a family each, no id
// twice. init would panic on a bad file; this names it.
func TestCatalogues(t *testing.T) {
	t.Parallel()
	for _, key := range Keys {
		f, err := parse(key)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if Get(key) == nil || len(Get(key).Controls) != len(f.Controls) {
			t.Errorf("%s: not loaded at init", key)
		}
	}
}

// The sizes the catalogue notes promise: the whole of Annex A, the whole
// of the 2017 Trust Services Criteria, every CIS v8.1 safeguard.
func TestCatalogueSizes(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]int{ISO27001: 93, SOC2: 61, CIS: 153, OWASPAPI: 10} {
		if n := len(Get(key).Controls); n != want {
			t.Errorf("%s holds %d controls, want %d", key, n, want)
		}
	}
}

// The id patterns reject the near misses a hand-edited file would hold,
// so a typo in a catalogue cannot pass parse.
func TestIDPatterns(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		good, bad []string
	}{
		ISO27001: {[]string{"5.9", "8.24"}, []string{"A.5.9", "12.4.1", "9.1"}},
		SOC2:     {[]string{"CC6.1", "A1.2", "PI1.5", "P6.4"}, []string{"CC 6.1", "cc6.1", "CC6.1.1", "P9.1"}},
		NIST:     {[]string{"AC-6", "IA-2(1)", "SC-28(1)"}, []string{"AC-06", "IA-2 (1)", "ia-2", "IA2(1)"}},
		CIS:      {[]string{"6.5", "16.10"}, []string{"6", "6.5.1", "v8 6.5"}},
		PCIDSS:   {[]string{"8.4", "8.4.2", "10.4.1.1"}, []string{"8", "Req 8.4", "8.4.2a"}},
		CCM:      {[]string{"IAM-14", "A&A-02", "DSP-05"}, []string{"IAM-1", "iam-14", "IAM14", "AA-02", "IAM-14.1"}},
		HIPAA:    {[]string{"164.312(d)", "164.312(a)(2)(iv)", "164.308(a)(1)(ii)(D)", "164.308(b)(1)"}, []string{"164.312", "164.312(a)(2)(v)", "45 CFR 164.312(d)", "164.312 (d)", "164.320(a)"}},
		GDPR:     {[]string{"5(1)(c)", "25(1)", "30", "32(1)(a)", "44"}, []string{"Art. 32", "5.1.c", "32(1)(A)", "5(1)c", "032"}},
		OWASPAPI: {[]string{"API1", "API10"}, []string{"API0", "API11", "API1:2023", "api1", "A01"}},
	}
	for key, tc := range tests {
		for _, id := range tc.good {
			if !idPatterns[key].MatchString(id) {
				t.Errorf("%s: %q rejected", key, id)
			}
		}
		for _, id := range tc.bad {
			if idPatterns[key].MatchString(id) {
				t.Errorf("%s: %q accepted", key, id)
			}
		}
	}
}

// Lookups answer from the catalogue and nothing else.
func TestLookups(t *testing.T) {
	t.Parallel()
	nist := Get(NIST)
	if !nist.Has("IA-2(1)") || nist.Has("IA-2(99)") {
		t.Error("Has")
	}
	if got := nist.Title("SC-8"); got != "Transmission Confidentiality and Integrity" {
		t.Errorf("SC-8 title %q", got)
	}
	if got := nist.Family("AU-12"); !strings.HasPrefix(got, "AU ") {
		t.Errorf("AU-12 family %q", got)
	}
	if a, _ := nist.Position("AC-3"); func() bool { b, _ := nist.Position("AC-6"); return a >= b }() {
		t.Error("catalogue order lost")
	}
	if Get("soc3") != nil {
		t.Error("unknown key found")
	}
}

// iso-27001 is the key, spelt like the others; iso27001 is an alias of it,
// the same catalogue.
func TestCanonical(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"iso-27001": "iso-27001", "iso27001": "iso-27001", "soc2": "soc2", "iso": "", "": ""} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
	if ISO27001 != "iso-27001" || Get("iso27001") == nil || Get("iso27001") != Get("iso-27001") || Get("iso-27001").Key != "iso-27001" {
		t.Errorf("Get(iso27001) = %v, Get(iso-27001) = %v", Get("iso27001"), Get("iso-27001"))
	}
	if !strings.HasPrefix(KeyList(), "iso-27001, soc2") {
		t.Errorf("KeyList() = %q", KeyList())
	}
}
