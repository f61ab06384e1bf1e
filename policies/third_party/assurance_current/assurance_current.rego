# METADATA
# title: Critical and high-tier suppliers have a current assurance report
# description: >-
#   An assessment questionnaire is the supplier's word; an independent
#   assurance report (a SOC 2 Type II report, an ISO/IEC 27001 certificate,
#   a PCI DSS attestation of compliance, a penetration test) is evidence.
#   A.5.22 and SOC 2 CC9.2 expect the suppliers the organisation depends on
#   most to be monitored with such evidence, renewed every year.
# custom:
#   severity: warning
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
#     An Interface whose spec.thirdParty names a ThirdParty document of tier
#     critical or high (its spec.tier, or when it declares none, the tier
#     derived from the Interface: its criticality when high or critical;
#     high for restricted data or data of category phi, pci or credentials)
#     none of whose spec.assurance reports has a periodEnd at most
#     maxAgeDays days before today. Reported on the Interface at
#     spec.thirdParty.
#   remediation: >-
#     Obtain the supplier's current SOC 2 Type II report, ISO/IEC 27001
#     certificate, PCI DSS attestation of compliance or penetration test
#     report and record it in its ThirdParty document's spec.assurance (type
#     and periodEnd); or, when the supplier matters less than its data
#     suggests, declare its spec.tier.
#   params:
#     maxAgeDays: 365
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
#         data:
#           classification: restricted
#           categories: [pci]
#           protection: [tokenized]
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
#         assessment:
#           date: 2026-02-01
#           result: approved
#         contract:
#           dpa: true
#           breachNotificationHours: 24
#         assurance:
#           - type: pci-aoc
#             periodEnd: 2024-09-30
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
#         data:
#           classification: restricted
#           categories: [pci]
#           protection: [tokenized]
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
#         assessment:
#           date: 2026-02-01
#           result: approved
#         contract:
#           dpa: true
#           breachNotificationHours: 24
#         assurance:
#           - type: pci-aoc
#             periodEnd: 2025-09-30
#           - type: soc2-type2
#             periodEnd: 2026-03-31
package ifacelint.rules.third_party.assurance_current

import data.ifacelint.lib

# The id of this rule (checked against the package path by its test).
_rule := "third-party/assurance-current"

deny contains finding if {
	id := input.spec.thirdParty
	third_party := data.ifacelint.inventory.ThirdParty[id]
	tier := lib.tier(third_party, input.spec)
	tier in {"critical", "high"}
	max_age := lib.param(_rule, "maxAgeDays")
	not _current(third_party, max_age)
	finding := {
		"msg": sprintf("third party %q is of %s tier (%s) but %s", [id, tier, lib.tier_source(third_party), _latest(third_party, max_age)]),
		"path": ["spec", "thirdParty"],
	}
}

_current(third_party, max_age) if {
	some report in third_party.spec.assurance
	lib.is_date(report.periodEnd)
	not lib.older_than(report.periodEnd, max_age)
}

_ends(third_party) := [report.periodEnd |
	some report in third_party.spec.assurance
	lib.is_date(report.periodEnd)
]

_latest(third_party, max_age) := sprintf("its latest assurance report's period ended on %s, %v days ago, more than %v", [last, lib.age_days(last), max_age]) if {
	ends := _ends(third_party)
	count(ends) > 0
	last := max(ends)
} else := "has no assurance report (spec.assurance)"
