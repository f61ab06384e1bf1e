package ifacelint.rules.logging.events_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.logging.events as rule

logged(events, spec) := fixture.doc(object.union({"logging": {"enabled": true, "events": events}}, spec))

all_events := ["authentication", "access", "change", "error"]

test_fires_naming_every_missing_event_sorted if {
	rule.deny == {{"msg": `logging.events lacks "authentication", "change"`, "path": ["spec", "logging", "events"]}}
		with input as logged(["error", "access"], {})
}

test_fires_when_events_missing if {
	rule.deny == {{
		"msg": `logging.events lacks "access", "authentication", "change", "error"`,
		"path": ["spec", "logging", "events"],
	}} with input as fixture.doc({"logging": {"enabled": true}})
}

test_sensitive_needs_data_transfer if {
	rule.deny == {{"msg": `logging.events lacks "data-transfer"`, "path": ["spec", "logging", "events"]}}
		with input as logged(all_events, {"data": {"classification": "restricted"}})
	count(rule.deny) == 1 with input as logged(all_events, {"data": {"categories": ["pci"]}})
}

test_passes_with_all_events if {
	count(rule.deny) == 0 with input as logged(all_events, {})
	count(rule.deny) == 0
		with input as logged(
			array.concat(all_events, ["data-transfer", "admin-action"]),
			{"data": {"classification": "confidential"}},
		)
}

test_passes_when_logging_not_enabled if {
	count(rule.deny) == 0 with input as fixture.doc({"logging": {"enabled": false, "events": []}})
	count(rule.deny) == 0 with input as fixture.base
}

test_privileged_needs_admin_action if {
	rule.deny == {{"msg": "logging.events lacks \"admin-action\"", "path": ["spec", "logging", "events"]}}
		with input as fixture.doc({"privileged": true, "logging": {"enabled": true, "events": ["authentication", "access", "change", "error"]}})
	count(rule.deny) == 0
		with input as fixture.doc({"privileged": true, "logging": {"enabled": true, "events": ["authentication", "access", "change", "error", "admin-action"]}})
}
