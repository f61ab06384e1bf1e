# METADATA
# title: Dates of past events are not in the future
# description: >-
#   A review, a penetration test or a supplier assessment is something that
#   happened. A date after today (a typo such as 2062 for 2026, or a planned
#   date written too early) makes every rule that judges how recent it is
#   pass for years.
# custom:
#   severity: warning
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["CM-8"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: ["164.316(b)(2)(iii)"]
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     metadata.lastReviewed, spec.securityTesting.lastPentest (an Interface)
#     or spec.assessment.date (a ThirdParty) more than maxDaysAhead days after
#     today (UTC, or --now): one finding per date. A day ahead is allowed for
#     time zones.
#   remediation: >-
#     Write the date the review, test or assessment took place (YYYY-MM-DD);
#     a planned one is recorded once it has happened.
#   params:
#     maxDaysAhead: 1
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         lastReviewed: 2099-01-01
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         lastReviewed: 2026-01-15
#       spec:
#         type: api
#         direction: inbound
#         exposure: internal
package ifacelint.rules.inventory.date_in_future

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "inventory/date-in-future"

# _dates are the places of dates of past events, by kind.
_dates := {
	"Interface": [["metadata", "lastReviewed"], ["spec", "securityTesting", "lastPentest"]],
	"ThirdParty": [["metadata", "lastReviewed"], ["spec", "assessment", "date"]],
}

deny contains finding if {
	some path in _dates[input.kind]
	date := object.get(input, path, null)
	ahead := lib.days_ahead(date)
	ahead > lib.param(_rule, "maxDaysAhead")
	finding := {
		"msg": sprintf("%s %s is %v days after today: a past event cannot be dated in the future", [lib.path_string(path), date, ahead]),
		"path": path,
	}
}
