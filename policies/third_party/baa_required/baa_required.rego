# METADATA
# title: Third parties receiving health data have a business associate agreement
# description: >-
#   Under HIPAA a supplier that receives protected health information on the
#   organisation's behalf is a business associate, and may only receive it
#   under a business associate agreement (45 CFR 164.308(b), 164.314(a)) that
#   binds it to safeguard the data and report breaches.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.20", "5.34"]
#   frameworks:
#     soc2: ["CC9.2"]
#     nist-800-53: ["SA-9"]
#     cis-v8: ["15.4"]
#     pci-dss-4: []
#     ccm-v4: ["STA-09"]
#     hipaa: ["164.308(b)(1)", "164.308(b)(3)", "164.314(a)(1)"]
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface carrying data of category phi whose spec.thirdParty names
#     a ThirdParty document whose spec.contract.baa is not true. Reported on
#     the Interface at spec.thirdParty.
#   remediation: >-
#     Sign a business associate agreement with the supplier and set
#     spec.contract.baa to true in its ThirdParty document, or stop sending
#     it health data.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: claims-export
#         name: Claims export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         data:
#           classification: restricted
#           categories: [phi]
#           protection: [field-encryption]
#         thirdParty: medibill
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: medibill
#         name: MediBill Inc.
#       spec:
#         services: Medical billing
#         tier: medium
#         assessment:
#           date: 2026-02-01
#           result: approved
#         contract:
#           dpa: true
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: claims-export
#         name: Claims export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         data:
#           classification: restricted
#           categories: [phi]
#           protection: [field-encryption]
#         thirdParty: medibill
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: medibill
#         name: MediBill Inc.
#       spec:
#         services: Medical billing
#         tier: medium
#         assessment:
#           date: 2026-02-01
#           result: approved
#         contract:
#           dpa: true
#           baa: true
package ifacelint.rules.third_party.baa_required

deny contains finding if {
	"phi" in input.spec.data.categories
	id := input.spec.thirdParty
	third_party := data.ifacelint.inventory.ThirdParty[id]
	not third_party.spec.contract.baa == true
	finding := {
		"msg": sprintf("third party %q receives health data (phi) but has no business associate agreement (contract.baa is not true)", [id]),
		"path": ["spec", "thirdParty"],
	}
}
