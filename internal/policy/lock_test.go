package policy

import (
	"strings"
	"testing"
)

// Lock writes the built-in rules only, every kind spelled out when the
// METADATA names none, every framework key present, in stable bytes.
func TestLock(t *testing.T) {
	t.Parallel()
	mods, err := Parse([]Source{
		{Name: "policies/acme/named/named.rego", Text: strings.Replace(completeRule, "#   kinds: [Interface]\n", "", 1)},
		{Name: "policies/mine.rego", Text: "package ifacelint.rules.mine.rule\n\ndeny contains 1 if false\n"},
	})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := NewCatalogue(mods, true)
	if err != nil {
		t.Fatal(err)
	}
	cat.Get("mine/rule").Builtin = false // a custom rule
	got, err := Lock(cat)
	if err != nil {
		t.Fatal(err)
	}
	want := `  "rules": [
    {
      "id": "acme/named",
      "severity": "warning",
      "kinds": [
        "Interface",
        "ThirdParty",
        "System"
      ],
      "controls": [
        "5.9"
      ],
      "frameworks": {
        "ccm-v4": [],
        "cis-v8": [],
        "gdpr": [],
        "hipaa": [],
        "nist-800-53": [],
        "owasp-api-2023": [],
        "pci-dss-4": [],
        "soc2": []
      },
      "params": {
        "maxDays": 30
      }
    }
  ]
}
`
	if !strings.HasSuffix(string(got), want) {
		t.Errorf("lock:\n%s\nwant it to end with:\n%s", got, want)
	}
	if !strings.HasPrefix(string(got), "{\n  \"about\": ") {
		t.Errorf("lock does not start with its about: %.40q", got)
	}
	for range 5 {
		again, err := Lock(cat)
		if err != nil || string(again) != string(got) {
			t.Fatalf("a second lock differs (%v)", err)
		}
	}
}
