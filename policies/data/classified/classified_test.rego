package ifacelint.rules.data.classified_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.data.classified as rule

test_fires_without_classification if {
	rule.deny == {{
		"msg": "interface does not declare spec.data.classification",
		"path": ["spec", "data", "classification"],
	}} with input as fixture.base
	count(rule.deny) == 1 with input as fixture.doc({"data": {"categories": ["pii"]}})
	count(rule.deny) == 1 with input as fixture.doc({"data": {"classification": ""}})
}

test_passes_with_classification if {
	every c in ["public", "internal", "confidential", "restricted"] {
		count(rule.deny) == 0 with input as fixture.doc({"data": {"classification": c}})
	}
}
