# METADATA
# title: Interfaces are reviewed at least yearly
# description: >-
#   An inventory entry is only evidence while someone periodically confirms it
#   still matches reality. A stale or missing review date means the controls
#   described may no longer be the ones in place.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.9"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["CM-8"]
#     cis-v8: ["12.4"]
#     pci-dss-4: ["12.5", "12.5.1"]
#     ccm-v4: []
#     hipaa: ["164.316(b)(2)(iii)"]
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface whose metadata.lastReviewed is missing, or is more than
#     maxAgeDays days before today (a date exactly maxAgeDays days ago, or in
#     the future, is still current).
#   remediation: >-
#     Review the interface with its owner and set metadata.lastReviewed to the
#     review date (YYYY-MM-DD).
#   params:
#     maxAgeDays: 365
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#         lastReviewed: 2024-11-30
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
#         lastReviewed: 2026-03-02
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
package ifacelint.rules.ownership.review_current

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "ownership/review-current"

deny contains finding if {
	ifacelint.missing(input, ["metadata", "lastReviewed"])
	finding := {
		"msg": "metadata.lastReviewed is missing: there is no record of the interface being reviewed",
		"path": ["metadata", "lastReviewed"],
	}
}

deny contains finding if {
	reviewed := input.metadata.lastReviewed
	max_age := lib.param(_rule, "maxAgeDays")
	lib.older_than(reviewed, max_age)
	finding := {
		"msg": sprintf("last review on %s was %v days ago, more than %v", [reviewed, lib.age_days(reviewed), max_age]),
		"path": ["metadata", "lastReviewed"],
	}
}
