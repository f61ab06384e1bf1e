# METADATA
# title: Third parties in use have a current contract
# description: >-
#   The contract is what binds a supplier to its security obligations
#   (A.5.20): once it has expired, data still flows to a supplier the
#   organisation has no agreement with, and its DPA and security addendum
#   lapse with it.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.20", "5.22"]
#   frameworks:
#     soc2: ["CC9.2"]
#     nist-800-53: ["SA-9"]
#     cis-v8: ["15.4"]
#     pci-dss-4: ["12.8", "12.8.2"]
#     ccm-v4: ["STA-10"]
#     hipaa: ["164.308(b)(3)"]
#     gdpr: ["28(3)"]
#     owasp-api-2023: []
#   trigger: >-
#     An Interface whose spec.thirdParty names a ThirdParty document whose
#     spec.contract.expires is before today. Reported on the Interface at
#     spec.thirdParty (the supplier is in use); a contract without an expiry
#     date is not reported.
#   remediation: >-
#     Renew the contract and record its new end in the ThirdParty document's
#     spec.contract.expires, or stop sending the supplier data.
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
#           classification: internal
#         thirdParty: acme-payroll
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-payroll
#         name: Acme Payroll Ltd
#       spec:
#         services: Payroll processing
#         tier: medium
#         assessment:
#           date: 2026-02-01
#           result: approved
#         contract:
#           dpa: true
#           expires: 2025-12-31
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
#           classification: internal
#         thirdParty: acme-payroll
#       ---
#       apiVersion: ifacelint/v1
#       kind: ThirdParty
#       metadata:
#         id: acme-payroll
#         name: Acme Payroll Ltd
#       spec:
#         services: Payroll processing
#         tier: medium
#         assessment:
#           date: 2026-02-01
#           result: approved
#         contract:
#           dpa: true
#           expires: 2028-12-31
package ifacelint.rules.third_party.contract_current

import data.ifacelint.lib

deny contains finding if {
	id := input.spec.thirdParty
	third_party := data.ifacelint.inventory.ThirdParty[id]
	expires := third_party.spec.contract.expires
	lib.age_days(expires) > 0
	finding := {
		"msg": sprintf("third party %q is in use but its contract expired on %s, %v days ago (contract.expires)", [id, expires, lib.age_days(expires)]),
		"path": ["spec", "thirdParty"],
	}
}
