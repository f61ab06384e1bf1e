package ifacelint.lib_test

import data.ifacelint.lib
import data.ifacelint.lib.fixture

test_networked if {
	lib.networked({"type": "api"})
	lib.networked({"type": "database"})
	not lib.networked({"type": "workflow"})
}

test_external if {
	lib.external({"exposure": "internet"})
	lib.external({"exposure": "partner"})
	not lib.external({"exposure": "internal"})
	not lib.external({})
}

test_privileged_defaults_false if {
	lib.privileged({"privileged": true})
	not lib.privileged({"privileged": false})
	not lib.privileged({})
}

test_environment_defaults_production if {
	lib.environment({}) == "production"
	lib.environment({"environment": ""}) == "production"
	lib.environment({"environment": "staging"}) == "staging"
}

test_sensitive_by_classification if {
	lib.sensitive({"data": {"classification": "confidential"}})
	lib.sensitive({"data": {"classification": "restricted"}})
	not lib.sensitive({"data": {"classification": "internal"}})
	not lib.sensitive({"data": {"classification": "public"}})
	not lib.sensitive({})
}

test_sensitive_by_category if {
	every c in ["pii", "phi", "pci", "credentials"] {
		lib.sensitive({"data": {"classification": "public", "categories": ["telemetry", c]}})
	}
	not lib.sensitive({"data": {"categories": ["financial", "telemetry", "intellectual-property"]}})
}

test_personal if {
	lib.personal({"data": {"categories": ["pii"]}})
	lib.personal({"data": {"categories": ["telemetry", "phi"]}})
	not lib.personal({"data": {"categories": ["pci", "credentials"]}})
	not lib.personal({"data": {}})
}

test_categories if {
	lib.categories({"data": {"categories": ["pii", "pci"]}}) == {"pii", "pci"}
	lib.categories({}) == set()
}

test_methods if {
	lib.methods({"authentication": {"methods": ["oidc", "mtls"]}}) == {"oidc", "mtls"}
	lib.methods({"authentication": {"methods": []}}) == set()
	lib.methods({"authentication": {}}) == set()
	lib.methods({}) == set()
}

test_present if {
	lib.present("x")
	lib.present(["a"])
	lib.present({"a": 1})
	lib.present(0)
	lib.present(false)
	not lib.present("")
	not lib.present([])
	not lib.present({})
	not lib.present(set())
	not lib.present(null)
}

test_missing if {
	lib.missing({}, ["spec", "secrets", "store"])
	lib.missing({"spec": {}}, ["spec", "secrets", "store"])
	lib.missing({"spec": {"secrets": {"store": ""}}}, ["spec", "secrets", "store"])
	lib.missing({"spec": {"secrets": "vault"}}, ["spec", "secrets", "store"])
	lib.missing({"spec": {"alerts": []}}, ["spec", "alerts"])
	lib.missing({"spec": {"x": null}}, ["spec", "x"])
	not lib.missing({"spec": {"secrets": {"store": "vault"}}}, ["spec", "secrets", "store"])
	not lib.missing({"spec": {"mfa": false}}, ["spec", "mfa"])
	not lib.missing({"spec": {"n": 0}}, ["spec", "n"])
	not lib.missing({"a": [{"b": "x"}]}, ["a", 0, "b"])
	lib.missing({"a": [{"b": "x"}]}, ["a", 1, "b"])
	lib.missing({"a": [{"b": "x"}]}, ["a", -1, "b"])
	lib.missing({"a": [{"b": "x"}]}, ["a", "0", "b"])
	lib.missing({"a": {}}, ["a"])
	lib.missing({"a": {"b": set()}}, ["a", "b"])
	not lib.missing({"a": {"b": {1}}}, ["a", "b"])
	not lib.missing({"a": "x"}, [])
	not lib.missing("a string", ["a"])
	not lib.missing(["a list"], [0])
}

# A function argument is hoisted out of `not`, so `not present(absent)` is not
# true; rules must use missing(). This test documents that trap.
test_not_present_of_undefined_is_not_true if {
	not _negated_present with input as {}
}

_negated_present if not lib.present(input.absent)

params := {"ownership/review-current": {"maxAgeDays": 180}}

test_param if {
	lib.param("ownership/review-current", "maxAgeDays") == 180 with data.ifacelint.params as params
	not lib.param("ownership/review-current", "other") with data.ifacelint.params as params
}

test_day_number if {
	lib.day_number("1970-01-01") == 0
	lib.day_number("1970-01-02") == 1
	lib.day_number("1969-12-31") == -1
	lib.day_number("2000-03-01") == 11017
	lib.day_number("2026-06-01") == 20605
	lib.day_number("2024-02-29") == lib.day_number("2024-02-28") + 1
	lib.day_number("2024-03-01") == lib.day_number("2024-02-29") + 1
	lib.day_number("2025-03-01") == lib.day_number("2025-02-28") + 1
	lib.day_number("2027-01-01") == lib.day_number("2026-12-31") + 1
}

test_day_number_rejects_non_dates if {
	not lib.day_number("2026-6-1")
	not lib.day_number("yesterday")
	not lib.day_number(20260601)
	not lib.day_number("2026-06-01T00:00:00Z")
	not lib.day_number(null)
}

test_today_is_utc_calendar_date if {
	lib.today == 20605 with time.now_ns as fixture.now
	lib.today == 20605 with time.now_ns as time.parse_rfc3339_ns("2026-06-01T00:00:00Z")
	lib.today == 20605 with time.now_ns as time.parse_rfc3339_ns("2026-06-01T23:59:59.999Z")
	lib.today == 20604 with time.now_ns as time.parse_rfc3339_ns("2026-06-01T01:00:00+02:00")
}

test_age_days if {
	lib.age_days("2026-06-01") == 0 with time.now_ns as fixture.now
	lib.age_days("2025-06-01") == 365 with time.now_ns as fixture.now
	lib.age_days("2026-06-02") == -1 with time.now_ns as fixture.now
}

test_older_than_boundary if {
	not lib.older_than("2025-06-01", 365) with time.now_ns as fixture.now
	lib.older_than("2025-05-31", 365) with time.now_ns as fixture.now
	not lib.older_than("2030-01-01", 365) with time.now_ns as fixture.now
	not lib.older_than("not-a-date", 365) with time.now_ns as fixture.now
}

test_days_ahead if {
	lib.days_ahead("2027-06-01") == 365 with time.now_ns as fixture.now
	lib.days_ahead("2026-05-31") == -1 with time.now_ns as fixture.now
}

test_quoted if {
	lib.quoted({"b", "a"}) == `"a", "b"`
	lib.quoted(["z"]) == `"z"`
	lib.quoted([]) == ""
}

test_path_string if {
	lib.path_string([]) == "the document"
	lib.path_string(["spec"]) == "spec"
	lib.path_string(["spec", "endpoints", 1, "url"]) == "spec.endpoints[1].url"
	lib.path_string([0, "a"]) == "[0].a"
}

test_tier_declared_wins if {
	lib.tier({"spec": {"tier": "low"}}, {"criticality": "critical"}) == "low"
	lib.tier_source({"spec": {"tier": "low"}}) == "declared"
}

test_tier_derived if {
	lib.tier({"spec": {}}, {"criticality": "critical"}) == "critical"
	lib.tier({"spec": {"tier": "bogus"}}, {"criticality": "high"}) == "high"
	lib.tier({"spec": {}}, {"data": {"classification": "restricted"}}) == "high"
	lib.tier({"spec": {}}, {"data": {"categories": ["phi"]}}) == "high"
	lib.tier({"spec": {}}, {"data": {"categories": ["pii"]}}) == "medium"
	lib.tier({"spec": {}}, {"criticality": "medium"}) == "medium"
	lib.tier({"spec": {}}, {"data": {"classification": "internal"}}) == "low"
	lib.tier({"spec": {}}, {}) == "low"
}

flow_inventory := {
	"System": {"ledger": {"kind": "System", "spec": {"zone": "internal", "stores": {"classification": "restricted"}}}},
	"Interface": {"orders-api": {"kind": "Interface", "spec": {"exposure": "internet", "data": {"classification": "confidential"}}}},
	"ThirdParty": {"acme": {"kind": "ThirdParty", "spec": {}}},
}

test_flow_ends if {
	lib.external_end("external:merchant-systems")
	not lib.external_end("external:")
	not lib.external_end("merchant")
	lib.flow_end("ledger").kind == "System" with data.ifacelint.inventory as flow_inventory
	lib.flow_end("orders-api").kind == "Interface" with data.ifacelint.inventory as flow_inventory
	lib.flow_end("acme").kind == "ThirdParty" with data.ifacelint.inventory as flow_inventory
	not lib.flow_end("ghost") with data.ifacelint.inventory as flow_inventory
	not lib.flow_end("external:x") with data.ifacelint.inventory as flow_inventory
}

test_flow_classification_and_zone if {
	lib.end_classification(lib.flow_end("ledger")) == "restricted" with data.ifacelint.inventory as flow_inventory
	lib.end_classification(lib.flow_end("orders-api")) == "confidential" with data.ifacelint.inventory as flow_inventory
	not lib.end_classification(lib.flow_end("acme")) with data.ifacelint.inventory as flow_inventory
	lib.flow_zone("ledger") == "internal" with data.ifacelint.inventory as flow_inventory
	lib.flow_zone("orders-api") == "internet" with data.ifacelint.inventory as flow_inventory
	lib.flow_zone("acme") == "partner" with data.ifacelint.inventory as flow_inventory
	lib.flow_zone("external:x") == "internet" with data.ifacelint.inventory as flow_inventory
	not lib.flow_zone("ghost") with data.ifacelint.inventory as flow_inventory
}
