# METADATA
# title: Third parties have a current, positive security assessment
# description: >-
#   Data shared with a supplier is only as safe as the supplier. A.5.19 and
#   A.5.22 expect suppliers to be assessed before use and reviewed regularly;
#   a rejected or long-expired assessment means the organisation is trusting a
#   supplier it has not vetted.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.19", "5.22"]
#   frameworks:
#     soc2: ["CC9.2"]
#     nist-800-53: ["SA-9", "SR-6"]
#     cis-v8: ["15.5"]
#     pci-dss-4: ["12.8", "12.8.4"]
#     ccm-v4: ["STA-14"]
#     hipaa: []
#     gdpr: ["28(1)"]
#     owasp-api-2023: ["API10"]
#   trigger: >-
#     An Interface whose spec.thirdParty names a ThirdParty document that has
#     no spec.assessment.date, whose assessment date is more than maxAgeDays
#     days before today, or whose spec.assessment.result is rejected. Reported
#     on the Interface at spec.thirdParty; a thirdParty that names no document
#     is left to inventory/reference.
#   remediation: >-
#     Have vendor risk management (re)assess the third party, record the
#     result in its ThirdParty document's spec.assessment (date, result,
#     reviewer), or stop using a rejected supplier.
#   params:
#     maxAgeDays: 365
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payroll-export
#         name: Payroll export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         data:
#           classification: confidential
#           categories: [pii, financial]
#           protection: [minimized]
#         thirdParty: acme-payroll
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-payroll
#         name: Acme Payroll Ltd
#       spec:
#         services: Payroll processing
#         assessment:
#           date: 2024-02-01
#           result: approved
#           reviewer: vendor-risk@example.com
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payroll-export
#         name: Payroll export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         data:
#           classification: confidential
#           categories: [pii, financial]
#           protection: [minimized]
#         thirdParty: acme-payroll
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-payroll
#         name: Acme Payroll Ltd
#       spec:
#         services: Payroll processing
#         assessment:
#           date: 2026-01-15
#           result: approved
#           reviewer: vendor-risk@example.com
package ifacelint.rules.third_party.assessment_current

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "third-party/assessment-current"

deny contains finding if {
	id := input.spec.thirdParty
	third_party := data.ifacelint.inventory.ThirdParty[id]
	problem := _problem(third_party)
	finding := {
		"msg": sprintf("third party %q %s", [id, problem]),
		"path": ["spec", "thirdParty"],
	}
}

_problem(third_party) := `failed its security assessment (assessment.result is "rejected")` if {
	third_party.spec.assessment.result == "rejected"
} else := "has no security assessment (assessment.date is missing)" if {
	ifacelint.missing(third_party, ["spec", "assessment", "date"])
} else := sprintf("was last assessed on %s, %v days ago, more than %v", [date, lib.age_days(date), max_age]) if {
	date := third_party.spec.assessment.date
	max_age := lib.param(_rule, "maxAgeDays")
	lib.older_than(date, max_age)
}
