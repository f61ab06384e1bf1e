# METADATA
# title: Stored sensitive data is encrypted at rest
# description: >-
#   Queues, file drops and databases keep data after it has been transferred.
#   If that data is sensitive and stored unencrypted, a copied disk, snapshot
#   or backup exposes it.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.24"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     cis-v8: ["3.11"]
#     pci-dss-4: ["3.5", "3.5.1"]
#     ccm-v4: ["CEK-03", "DSP-17"]
#     hipaa: ["164.312(a)(2)(iv)"]
#     gdpr: ["32(1)(a)"]
#     owasp-api-2023: []
#   trigger: >-
#     A sensitive Interface (classification confidential or restricted, or a
#     category among pii, phi, pci, credentials) of type queue, file-transfer
#     or database whose spec.encryption.atRest.enabled is not true.
#   remediation: >-
#     Enable encryption at rest for the queue, file store or database and set
#     spec.encryption.atRest.enabled to true.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: claims-drop
#         name: Claims file drop
#       spec:
#         type: file-transfer
#         direction: inbound
#         exposure: partner
#         data:
#           classification: confidential
#           categories: [phi]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: claims-drop
#         name: Claims file drop
#       spec:
#         type: file-transfer
#         direction: inbound
#         exposure: partner
#         data:
#           classification: confidential
#           categories: [phi]
#         encryption:
#           atRest:
#             enabled: true
package ifacelint.rules.data.encryption_at_rest

import data.ifacelint.lib

deny contains finding if {
	input.spec.type in {"queue", "file-transfer", "database"}
	lib.sensitive(input.spec)
	not input.spec.encryption.atRest.enabled == true
	finding := {
		"msg": sprintf(
			"%s holding sensitive data is not encrypted at rest (encryption.atRest.enabled is not true)",
			[input.spec.type],
		),
		"path": ["spec", "encryption", "atRest", "enabled"],
	}
}
