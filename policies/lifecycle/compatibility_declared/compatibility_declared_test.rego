package ifacelint.rules.lifecycle.compatibility_declared_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.lifecycle.compatibility_declared as rule

test_fires_on_a_production_internet_api if {
	rule.deny == {{
		"msg": "production API exposed to internet does not say where its compatibility policy is (spec.versioning.policy)",
		"path": ["spec", "versioning", "policy"],
	}} with input as fixture.doc({"lifecycle": "production"})
}

test_fires_with_a_scheme_but_no_policy if {
	count(rule.deny) == 1 with input as fixture.doc({"lifecycle": "production", "exposure": "partner", "versioning": {"scheme": "header", "policy": ""}})
}

test_passes_with_a_policy if {
	count(rule.deny) == 0 with input as fixture.doc({"lifecycle": "production", "versioning": {"policy": "https://developer.example.com/versioning"}})
}

test_passes_when_internal if {
	count(rule.deny) == 0 with input as fixture.doc({"lifecycle": "production", "exposure": "internal"})
}

test_passes_when_not_an_api if {
	count(rule.deny) == 0 with input as fixture.doc({"lifecycle": "production", "type": "webhook"})
}

test_passes_when_experimental if {
	count(rule.deny) == 0 with input as fixture.doc({"lifecycle": "experimental"})
}

test_passes_without_lifecycle if {
	count(rule.deny) == 0 with input as fixture.base
}
