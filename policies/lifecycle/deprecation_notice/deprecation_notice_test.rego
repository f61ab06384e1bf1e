package ifacelint.rules.lifecycle.deprecation_notice_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.lifecycle.deprecation_notice as rule

deprecated(sunset) := fixture.doc({"lifecycle": "deprecated", "sunset": sunset})

test_fires_without_a_sunset if {
	rule.deny == {{
		"msg": "the interface is deprecated without a sunset date",
		"path": ["spec", "sunset"],
	}} with input as fixture.doc({"lifecycle": "deprecated"}) with time.now_ns as fixture.now
}

test_fires_one_day_short_of_the_notice if {
	rule.deny == {{
		"msg": "the interface is deprecated with its sunset on 2026-08-29, 89 days from today, less than 90 days' notice",
		"path": ["spec", "sunset"],
	}} with input as deprecated("2026-08-29") with time.now_ns as fixture.now
}

test_fires_on_the_sunset_day if {
	count(rule.deny) == 1 with input as deprecated("2026-06-01") with time.now_ns as fixture.now
}

test_passes_exactly_at_the_notice if {
	count(rule.deny) == 0 with input as deprecated("2026-08-30") with time.now_ns as fixture.now
}

test_passes_once_the_sunset_is_past if {
	count(rule.deny) == 0 with input as deprecated("2026-05-31") with time.now_ns as fixture.now
}

test_fires_per_deprecated_version if {
	rule.deny == {
		{
			"msg": "version \"v1\" is deprecated without a sunset date",
			"path": ["spec", "versions", 0, "sunset"],
		},
		{
			"msg": "version \"v2\" is deprecated with its sunset on 2026-06-11, 10 days from today, less than 90 days' notice",
			"path": ["spec", "versions", 2, "sunset"],
		},
	} with input as fixture.doc({"lifecycle": "production", "versions": [
		{"version": "v1", "status": "deprecated"},
		{"version": "v3", "status": "production"},
		{"version": "v2", "status": "deprecated", "sunset": "2026-06-11"},
		{"version": "v0", "status": "retired"},
	]})
		with time.now_ns as fixture.now
}

test_passes_without_lifecycle_fields if {
	count(rule.deny) == 0 with input as fixture.base with time.now_ns as fixture.now
}

test_param_min_notice_days if {
	count(rule.deny) == 0 with input as deprecated("2026-06-11")
		with time.now_ns as fixture.now
		with data.ifacelint.params as {"lifecycle/deprecation-notice": {"minNoticeDays": 10}}
}

test_rule_id if rule._rule == fixture.rule_id(rego.metadata.chain())
