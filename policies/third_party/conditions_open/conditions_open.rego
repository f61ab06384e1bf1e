# METADATA
# title: Conditional supplier approvals have their conditions met on time
# description: >-
#   A conditional assessment approves a supplier on conditions, each to be
#   met by a date. A.5.22 expects those conditions to be followed up: a
#   condition past its date and still open is a supplier used on terms it
#   has not met, and a conditional assessment that records no condition
#   cannot be followed up at all.
# custom:
#   severity: warning
#   kinds: [ThirdParty]
#   controls: ["5.19", "5.22"]
#   frameworks:
#     soc2: ["CC9.2"]
#     nist-800-53: ["SA-9", "SR-6"]
#     cis-v8: ["15.5"]
#     pci-dss-4: ["12.8", "12.8.4"]
#     ccm-v4: ["STA-12"]
#     hipaa: []
#     gdpr: ["28(1)"]
#     owasp-api-2023: []
#   trigger: >-
#     A ThirdParty whose spec.assessment.result is conditional and either
#     lists no spec.assessment.conditions (reported at
#     spec.assessment.result) or has a condition whose due date is before
#     today and that is not met (met is not true; reported at the
#     condition's due).
#   remediation: >-
#     Follow the condition up with the supplier: once it is met set met to
#     true (or record a new assessment), or agree a new due date; for a
#     conditional result, list each condition with its due date.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: helpdesk-saas
#         name: Helpdesk SaaS Inc.
#       spec:
#         services: Ticketing
#         tier: medium
#         assessment:
#           date: 2026-02-01
#           result: conditional
#           conditions:
#             - description: Enforce SSO for every agent login.
#               due: 2026-03-31
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: helpdesk-saas
#         name: Helpdesk SaaS Inc.
#       spec:
#         services: Ticketing
#         tier: medium
#         assessment:
#           date: 2026-02-01
#           result: conditional
#           conditions:
#             - description: Enforce SSO for every agent login.
#               due: 2026-03-31
#               met: true
#             - description: Deliver the 2026 penetration test report.
#               due: 2099-12-31
package ifacelint.rules.third_party.conditions_open

import data.ifacelint.lib

deny contains finding if {
	input.spec.assessment.result == "conditional"
	ifacelint.missing(input, ["spec", "assessment", "conditions"])
	finding := {
		"msg": "the assessment is conditional but lists no conditions (assessment.conditions)",
		"path": ["spec", "assessment", "result"],
	}
}

deny contains finding if {
	input.spec.assessment.result == "conditional"
	some i, condition in input.spec.assessment.conditions
	lib.age_days(condition.due) > 0
	not condition.met == true
	finding := {
		"msg": sprintf("condition %q of the conditional assessment was due on %s, %v days ago, and is not met", [_what(condition), condition.due, lib.age_days(condition.due)]),
		"path": ["spec", "assessment", "conditions", i, "due"],
	}
}

_what(condition) := condition.description if is_string(condition.description)

else := "(no description)"
