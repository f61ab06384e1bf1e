package ifacelint.rules.data.minimization_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.data.minimization as rule

personal(spec) := fixture.doc(object.union(
	{"direction": "outbound", "exposure": "internal", "data": {"categories": ["pii"]}},
	spec,
))

test_fires_for_third_party if {
	rule.deny == {{
		"msg": `personal data (pii) is sent outbound to third party "acme" without any data.protection measure`,
		"path": ["spec", "data", "protection"],
	}} with input as personal({"thirdParty": "acme"})
}

test_fires_for_external_exposure if {
	rule.deny == {{
		"msg": concat(" ", [
			"personal data (phi, pii) is sent bidirectional over a partner-exposed interface",
			"without any data.protection measure",
		]),
		"path": ["spec", "data", "protection"],
	}} with input as personal({
		"direction": "bidirectional",
		"exposure": "partner",
		"data": {"categories": ["pii", "phi", "telemetry"], "protection": []},
	})
}

test_fires_for_internet_exposure_with_an if {
	rule.deny == {{
		"msg": "personal data (pii) is sent outbound over an internet-exposed interface without any data.protection measure",
		"path": ["spec", "data", "protection"],
	}} with input as personal({"exposure": "internet"})
}

test_passes_with_protection if {
	count(rule.deny) == 0 with input as personal({"thirdParty": "acme", "data": {"protection": ["minimized"]}})
}

test_passes_inbound if {
	count(rule.deny) == 0 with input as personal({"direction": "inbound", "exposure": "internet"})
}

test_passes_internal_without_third_party if {
	count(rule.deny) == 0 with input as personal({})
	count(rule.deny) == 0 with input as personal({"thirdParty": ""})
}

test_passes_without_personal_data if {
	count(rule.deny) == 0 with input as personal({"exposure": "internet", "data": {"categories": ["pci", "financial"]}})
}
