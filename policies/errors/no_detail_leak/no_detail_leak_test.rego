package ifacelint.rules.errors.no_detail_leak_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.errors.no_detail_leak as rule

test_fires_when_external_exposes_details if {
	rule.deny == {{
		"msg": "internet-exposed interface returns error details to callers (errorHandling.exposesDetails is true)",
		"path": ["spec", "errorHandling", "exposesDetails"],
	}} with input as fixture.doc({"errorHandling": {"exposesDetails": true}})
	count(rule.deny) == 1 with input as fixture.doc({"exposure": "partner", "errorHandling": {"exposesDetails": true}})
}

test_passes_when_not_exposing if {
	count(rule.deny) == 0 with input as fixture.doc({"errorHandling": {"exposesDetails": false}})
	count(rule.deny) == 0 with input as fixture.base
}

test_passes_internal if {
	count(rule.deny) == 0 with input as fixture.doc({"exposure": "internal", "errorHandling": {"exposesDetails": true}})
}
