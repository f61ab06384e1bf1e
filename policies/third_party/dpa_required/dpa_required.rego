# METADATA
# title: Third parties receiving personal data have a DPA
# description: >-
#   Sharing personal data with a processor without a data processing agreement
#   breaches GDPR Article 28 and leaves the organisation without contractual
#   security obligations on the supplier (A.5.20, A.5.34).
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.20", "5.34"]
#   frameworks:
#     soc2: ["CC9.2", "P6.4"]
#     nist-800-53: ["SA-9"]
#     cis-v8: ["15.4"]
#     pci-dss-4: ["12.8", "12.8.2"]
#     ccm-v4: ["STA-09"]
#     hipaa: []
#     gdpr: ["28(3)"]
#     owasp-api-2023: []
#   trigger: >-
#     An Interface carrying personal data (category pii or phi) whose
#     spec.thirdParty names a ThirdParty document whose spec.contract.dpa is
#     not true. Reported on the Interface at spec.thirdParty.
#   remediation: >-
#     Sign a data processing agreement with the third party and set
#     spec.contract.dpa to true in its ThirdParty document, or stop sending it
#     personal data.
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
#         contract:
#           dpa: false
#           securityAddendum: true
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
#         contract:
#           dpa: true
#           securityAddendum: true
package ifacelint.rules.third_party.dpa_required

import data.ifacelint.lib

deny contains finding if {
	lib.personal(input.spec)
	id := input.spec.thirdParty
	third_party := data.ifacelint.inventory.ThirdParty[id]
	not third_party.spec.contract.dpa == true
	finding := {
		"msg": sprintf(
			"third party %q receives personal data (%s) but has no data processing agreement (contract.dpa is not true)",
			[id, concat(", ", sort(lib.categories(input.spec) & lib.personal_categories))],
		),
		"path": ["spec", "thirdParty"],
	}
}
