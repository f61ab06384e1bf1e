package ifacelint.rules.ownership.purpose_documented_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.ownership.purpose_documented as rule

with_description(d) := fixture.with_metadata({"description": d})

test_fires_without_description if {
	rule.deny == {{
		"msg": "interface has no metadata.description saying what it is for",
		"path": ["metadata", "description"],
	}} with input as fixture.base
}

test_fires_on_empty_description if {
	count(rule.deny) == 1 with input as with_description("")
}

test_passes_with_description if {
	count(rule.deny) == 0 with input as with_description("Lets the shop place orders.")
}
