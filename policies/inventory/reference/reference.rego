# METADATA
# title: Third-party references resolve
# description: >-
#   An Interface that names a third party missing from the inventory escapes
#   every supplier check (assessment, DPA) and leaves a gap in the supplier
#   register.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.9", "5.19"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["CM-8"]
#     cis-v8: ["15.1"]
#     pci-dss-4: ["12.8", "12.8.1"]
#     ccm-v4: ["STA-07"]
#     hipaa: []
#     gdpr: ["30(1)"]
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface whose spec.thirdParty names no ThirdParty document (by
#     metadata.id) in the inventory.
#   remediation: >-
#     Fix the spelling of spec.thirdParty, or add a ThirdParty document with
#     that metadata.id describing the supplier.
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
#         thirdParty: acme-payrol
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
#         thirdParty: acme-payroll
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-payroll
#         name: Acme Payroll Ltd
#       spec:
#         services: Payroll processing
package ifacelint.rules.inventory.reference

import data.ifacelint.lib

deny contains finding if {
	id := input.spec.thirdParty
	lib.present(id)
	not _exists(id)
	finding := {
		"msg": sprintf("spec.thirdParty %q names no ThirdParty document in the inventory", [id]),
		"path": ["spec", "thirdParty"],
	}
}

_exists(id) if data.ifacelint.inventory.ThirdParty[id]
