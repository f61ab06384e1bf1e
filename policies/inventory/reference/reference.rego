# METADATA
# title: Third-party references resolve
# description: >-
#   An Interface that names a third party missing from the inventory escapes
#   every supplier check (assessment, DPA) and leaves a gap in the supplier
#   register; so does a subprocessor that a supplier lists but the register
#   lacks (the supply chain behind the supplier, A.5.21).
# custom:
#   severity: error
#   kinds: [Interface, ThirdParty]
#   controls: ["5.9", "5.19", "5.21"]
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
#     metadata.id) in the inventory; a ThirdParty whose spec.subprocessors
#     lists an id that no ThirdParty document has (reported at the entry).
#   remediation: >-
#     Fix the spelling of spec.thirdParty or of the subprocessor, or add a
#     ThirdParty document with that metadata.id describing the supplier.
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

deny contains finding if {
	input.kind == "ThirdParty"
	some i, id in input.spec.subprocessors
	is_string(id)
	not _exists(id)
	finding := {
		"msg": sprintf("subprocessor %q names no ThirdParty document in the inventory", [id]),
		"path": ["spec", "subprocessors", i],
	}
}
