package ifacelint.rules.environment.segregation_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.environment.segregation as rule

env(environment, data_spec) := fixture.doc({"environment": environment, "data": data_spec})

test_fires_outside_production if {
	rule.deny == {{
		"msg": "staging interface carries pci, pii data that is not anonymized, pseudonymized or synthetic (data.protection)",
		"path": ["spec", "data", "protection"],
	}} with input as env("staging", {"categories": ["pii", "pci", "telemetry"]})
	every e in ["development", "test"] {
		count(rule.deny) == 1
			with input as env(e, {"categories": ["phi"], "protection": ["minimized", "tokenized", "field-encryption"]})
	}
}

test_passes_with_safe_protection if {
	every p in ["anonymized", "pseudonymized", "synthetic"] {
		count(rule.deny) == 0 with input as env("test", {"categories": ["pii"], "protection": ["minimized", p]})
	}
}

test_production_is_the_default if {
	count(rule.deny) == 0 with input as fixture.doc({"data": {"categories": ["pii"]}})
	count(rule.deny) == 0 with input as env("production", {"categories": ["pii"]})
}

test_passes_without_regulated_data if {
	count(rule.deny) == 0 with input as env("development", {"categories": ["credentials", "financial"]})
	count(rule.deny) == 0 with input as env("development", {})
}
