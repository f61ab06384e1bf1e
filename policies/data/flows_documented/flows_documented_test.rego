package ifacelint.rules.data.flows_documented_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.data.flows_documented as rule

flows(f) := fixture.doc({"data": {"flows": f}})

finding := {
	"msg": "interface documents no data flow with both from and to (spec.data.flows)",
	"path": ["spec", "data", "flows"],
}

test_fires_without_flows if {
	rule.deny == {finding} with input as fixture.base
	rule.deny == {finding} with input as flows([])
}

test_fires_when_no_flow_is_complete if {
	rule.deny == {finding}
		with input as flows([{"from": "web-shop"}, {"to": "orders", "description": "x"}, {"from": "", "to": "orders"}])
}

test_passes_with_one_complete_flow if {
	count(rule.deny) == 0 with input as flows([{"from": "web-shop"}, {"from": "web-shop", "to": "order-service"}])
}

test_fires_when_flows_are_not_objects_or_ends_are_null if {
	rule.deny == {finding} with input as flows(["web-shop", ["a", "b"], {"from": null, "to": "x"}, {"from": "x", "to": []}])
}

test_passes_with_non_string_ends if {
	count(rule.deny) == 0 with input as flows([{"from": 1, "to": true}])
}
