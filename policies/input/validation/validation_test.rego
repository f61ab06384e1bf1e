package ifacelint.rules.input.validation_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.input.validation as rule

test_fires_without_validation if {
	rule.deny == {{
		"msg": "inbound api does not validate its input (inputValidation.enabled is not true)",
		"path": ["spec", "inputValidation", "enabled"],
	}} with input as fixture.base
	every t in ["webhook", "queue", "file-transfer"] {
		count(rule.deny) == 1
			with input as fixture.doc({"type": t, "direction": "bidirectional", "inputValidation": {"enabled": false}})
	}
}

test_passes_with_validation if {
	count(rule.deny) == 0 with input as fixture.doc({"inputValidation": {"enabled": true}})
}

test_passes_outbound_or_other_types if {
	count(rule.deny) == 0 with input as fixture.doc({"direction": "outbound"})
	count(rule.deny) == 0 with input as fixture.doc({"type": "portal"})
	count(rule.deny) == 0 with input as fixture.doc({"type": "database"})
}

test_fires_on_outbound_api_to_a_third_party if {
	rule.deny == {{
		"msg": `outbound api consumes the responses of third party "acme" without validating them (inputValidation.enabled is not true)`,
		"path": ["spec", "inputValidation", "enabled"],
	}} with input as fixture.doc({"direction": "outbound", "thirdParty": "acme"})
}

test_passes_on_outbound_api_that_validates_or_has_no_third_party if {
	count(rule.deny) == 0 with input as fixture.doc({"direction": "outbound", "thirdParty": "acme", "inputValidation": {"enabled": true}})
	count(rule.deny) == 0 with input as fixture.doc({"direction": "outbound"})
	count(rule.deny) == 0 with input as fixture.doc({"direction": "outbound", "type": "webhook", "thirdParty": "acme"})
}
