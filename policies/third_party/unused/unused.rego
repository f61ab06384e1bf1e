# METADATA
# title: Every supplier in the register is in use
# description: >-
#   A supplier that no interface uses and no other supplier subcontracts is
#   either gone (its contract, access and data should be wound up, A.5.19 and
#   A.5.22) or used through an interface missing from the inventory. Either
#   way the register and the inventory disagree.
# custom:
#   severity: info
#   kinds: [ThirdParty]
#   controls: ["5.19", "5.22"]
#   frameworks:
#     soc2: ["CC9.2"]
#     nist-800-53: ["SA-9"]
#     cis-v8: ["15.1"]
#     pci-dss-4: ["12.8.1"]
#     ccm-v4: ["STA-07"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     A ThirdParty that no Interface names, in spec.thirdParty or as the end
#     of a spec.data.flows entry, and that no other ThirdParty lists in
#     spec.subprocessors, anywhere in the inventory. Reported at
#     metadata.id.
#   remediation: >-
#     Add the interfaces through which the supplier gets or sends data, or,
#     when it is no longer used, offboard it (end the contract and its
#     access, have its copies of the data deleted) and remove its document.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: old-survey-tool
#         name: Old Survey Tool Ltd
#       spec:
#         services: Customer surveys
#         tier: low
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: survey-export
#         name: Survey export
#       spec:
#         type: file-transfer
#         direction: outbound
#         exposure: partner
#         data:
#           classification: internal
#         thirdParty: old-survey-tool
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: old-survey-tool
#         name: Old Survey Tool Ltd
#       spec:
#         services: Customer surveys
#         tier: low
package ifacelint.rules.third_party.unused

# The index marks each ThirdParty entry "used" once every document is read
# (docs/custom-policies.md, "The inventory"): reading it here makes the
# rule depend on this supplier's entry alone.
deny contains finding if {
	data.ifacelint.inventory.ThirdParty[input.metadata.id].used == false
	finding := {
		"msg": sprintf("no interface uses third party %q (spec.thirdParty or a data flow) and no supplier lists it as a subprocessor", [input.metadata.id]),
		"path": ["metadata", "id"],
	}
}
