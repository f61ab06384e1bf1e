# METADATA
# title: Critical suppliers commit to notify breaches promptly
# description: >-
#   When a critical supplier is breached the organisation has its own
#   deadlines to meet (72 hours to the supervisory authority under GDPR
#   Article 33, incident response under A.5.24), and can only meet them if
#   the supplier has committed to tell it in time: a contractual breach
#   notification period (A.5.20, SOC 2 CC9.2).
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["5.20", "5.21"]
#   frameworks:
#     soc2: ["CC9.2"]
#     nist-800-53: ["SA-9", "SR-6"]
#     cis-v8: ["15.4"]
#     pci-dss-4: ["12.8.2"]
#     ccm-v4: ["SEF-07", "STA-09"]
#     hipaa: ["164.314(a)(2)(i)"]
#     gdpr: ["28(3)", "33(2)"]
#     owasp-api-2023: []
#   trigger: >-
#     An Interface whose spec.thirdParty names a ThirdParty document of tier
#     critical (its spec.tier, or when it declares none, the tier derived
#     from the Interface, as for third-party/assurance-current) whose
#     spec.contract.breachNotificationHours is missing or more than
#     maxHours. Reported on the Interface at spec.thirdParty.
#   remediation: >-
#     Agree a breach notification period of at most maxHours hours with the
#     supplier and record it in its ThirdParty document's
#     spec.contract.breachNotificationHours.
#   params:
#     maxHours: 72
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: card-gateway
#         name: Card gateway
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         criticality: critical
#         icd: docs/icd/card-gateway.md
#         thirdParty: paycorp
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: paycorp
#         name: Paycorp
#       spec:
#         services: Card processing
#         tier: critical
#         contract:
#           dpa: true
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: card-gateway
#         name: Card gateway
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         criticality: critical
#         icd: docs/icd/card-gateway.md
#         thirdParty: paycorp
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: paycorp
#         name: Paycorp
#       spec:
#         services: Card processing
#         tier: critical
#         contract:
#           dpa: true
#           breachNotificationHours: 24
package ifacelint.rules.third_party.breach_notification

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "third-party/breach-notification"

deny contains finding if {
	id := input.spec.thirdParty
	third_party := data.ifacelint.inventory.ThirdParty[id]
	lib.tier(third_party, input.spec) == "critical"
	problem := _problem(third_party, lib.param(_rule, "maxHours"))
	finding := {
		"msg": sprintf("third party %q is of critical tier (%s) but %s", [id, lib.tier_source(third_party), problem]),
		"path": ["spec", "thirdParty"],
	}
}

_problem(third_party, max_hours) := "has no breach notification commitment (contract.breachNotificationHours is missing)" if {
	not is_number(object.get(third_party, ["spec", "contract", "breachNotificationHours"], null))
} else := sprintf("commits to notify a breach only within %v hours, more than %v (contract.breachNotificationHours)", [hours, max_hours]) if {
	hours := third_party.spec.contract.breachNotificationHours
	hours > max_hours
}
