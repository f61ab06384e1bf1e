# METADATA
# title: Waivers are complete and well-formed
# description: >-
#   A waiver is an audited risk acceptance: it must say which rule it waives,
#   why, and until when, and it cannot stretch indefinitely. An invalid waiver
#   waives nothing, so the finding it named is reported again.
# custom:
#   severity: error
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["RA-7"]
#     cis-v8: []
#     pci-dss-4: []
#   trigger: >-
#     A waiver in metadata.waivers that lacks rule, reason or expires, names
#     an unknown rule, names a rule that cannot be waived (schema/invalid or
#     any waiver/* rule), or expires more than maxDays days after today. One
#     finding per invalid waiver, naming every problem.
#   remediation: >-
#     Give each entry in metadata.waivers a known rule id, a reason, and an
#     expires date no more than maxDays days ahead; fix schema errors instead
#     of waiving them.
#   params:
#     maxDays: 365
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         waivers:
#           - rule: availability/rate-limit
#             reason: Fronted by the corporate gateway, which enforces limits.
#             expires: 2026-12-31
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         waivers:
#           - rule: availability/rate-limited
#             reason: Fronted by the corporate gateway, which enforces limits.
#             approvedBy: security@example.com
#             expires: 2026-12-31
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
package ifacelint.rules.waiver.invalid

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "waiver/invalid"

_max_days := lib.param(_rule, "maxDays")

deny contains finding if {
	some i, waiver in input.metadata.waivers
	problems := sort([[p.order, p.field, p.text] | some p in _problem; p.waiver == i])
	count(problems) > 0
	finding := {
		"msg": sprintf("waiver %s is invalid: %s", [lib.waiver_label(i, waiver), concat("; ", [p[2] | some p in problems])]),
		"path": ["metadata", "waivers", i, problems[0][1]],
	}
}

_problem contains {"waiver": i, "order": 0, "field": "rule", "text": "it names no rule"} if {
	some i, waiver in input.metadata.waivers
	lib.missing(waiver, ["rule"])
}

_problem contains {"waiver": i, "order": 1, "field": "rule", "text": "the rule cannot be waived"} if {
	some i, waiver in input.metadata.waivers
	_unwaivable(waiver.rule)
}

_problem contains {"waiver": i, "order": 1, "field": "rule", "text": "no such rule is known"} if {
	some i, waiver in input.metadata.waivers
	rule_id := waiver.rule
	lib.present(rule_id)
	not _unwaivable(rule_id)
	not lib.known_rule(rule_id)
}

_problem contains {"waiver": i, "order": 2, "field": "reason", "text": "it gives no reason"} if {
	some i, waiver in input.metadata.waivers
	lib.missing(waiver, ["reason"])
}

_problem contains {"waiver": i, "order": 3, "field": "expires", "text": "it has no expiry date"} if {
	some i, waiver in input.metadata.waivers
	lib.missing(waiver, ["expires"])
}

_problem contains {"waiver": i, "order": 4, "field": "expires", "text": text} if {
	some i, waiver in input.metadata.waivers
	ahead := lib.days_ahead(waiver.expires)
	ahead > _max_days
	text := sprintf("it expires on %s, %v days ahead, more than the %v allowed", [waiver.expires, ahead, _max_days])
}

_unwaivable("schema/invalid")

_unwaivable(rule_id) if {
	is_string(rule_id)
	startswith(rule_id, "waiver/")
}
