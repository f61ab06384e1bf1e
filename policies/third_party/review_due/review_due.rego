# METADATA
# title: Supplier reassessments are planned before they fall due
# description: >-
#   A reassessment takes weeks: a questionnaire, evidence, a review. This
#   notice names each supplier whose assessment will be older than
#   third-party/assessment-current allows within minNoticeDays days, so that
#   vendor risk can start it before the interfaces using the supplier fail
#   the gate (A.5.22, the "next review date" of a vendor register).
# custom:
#   severity: info
#   kinds: [ThirdParty]
#   controls: ["5.22"]
#   frameworks:
#     soc2: ["CC9.2"]
#     nist-800-53: ["SA-9"]
#     cis-v8: ["15.5"]
#     pci-dss-4: ["12.8.4"]
#     ccm-v4: ["STA-10"]
#     hipaa: []
#     gdpr: ["28(1)"]
#     owasp-api-2023: []
#   trigger: >-
#     A ThirdParty whose spec.assessment.date is between maxAgeDays -
#     minNoticeDays and maxAgeDays days before today, maxAgeDays being
#     third-party/assessment-current's parameter (so nothing is reported
#     while that rule is off). Reported at spec.assessment.date.
#   remediation: >-
#     Schedule the supplier's reassessment now and record it in
#     spec.assessment when done.
#   params:
#     minNoticeDays: 30
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
#           date: 2025-06-20
#           result: approved
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
#           date: 2026-05-20
#           result: approved
package ifacelint.rules.third_party.review_due

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "third-party/review-due"

deny contains finding if {
	date := input.spec.assessment.date
	max_age := lib.param("third-party/assessment-current", "maxAgeDays")
	left := max_age - lib.age_days(date)
	left >= 0
	left <= lib.param(_rule, "minNoticeDays")
	finding := {
		"msg": sprintf("the assessment of %s falls due for renewal in %v days (third-party/assessment-current allows %v days)", [date, left, max_age]),
		"path": ["spec", "assessment", "date"],
	}
}
