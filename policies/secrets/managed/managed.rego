# METADATA
# title: Credentials used to call out are kept in a secret store
# description: >-
#   When the organisation calls another system with an API key, a signing
#   secret or a password, that credential has to live somewhere. If no managed
#   secret store is named, it is probably in code, configuration or a wiki
#   page.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.17"]
#   frameworks:
#     soc2: ["CC6.1"]
#     nist-800-53: ["IA-5"]
#     cis-v8: []
#     pci-dss-4: ["8.3", "8.3.2"]
#     ccm-v4: ["IAM-15"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     An Interface with direction outbound or bidirectional whose
#     spec.authentication.methods include api-key, hmac-signature, basic or
#     password, without spec.secrets.store.
#   remediation: >-
#     Keep the credential in a managed secret store (vault, cloud KMS or
#     secrets manager) and name it in spec.secrets.store, with
#     spec.secrets.rotationDays.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: crm-sync
#         name: CRM sync
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         authentication:
#           methods: [api-key]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: crm-sync
#         name: CRM sync
#       spec:
#         type: api
#         direction: outbound
#         exposure: partner
#         authentication:
#           methods: [api-key]
#         secrets:
#           store: vault
#           rotationDays: 90
package ifacelint.rules.secrets.managed

import data.ifacelint.lib

_stored_credentials := {"api-key", "hmac-signature", "basic", "password"}

deny contains finding if {
	input.spec.direction in {"outbound", "bidirectional"}
	credentials := lib.methods(input.spec) & _stored_credentials
	count(credentials) > 0
	ifacelint.missing(input, ["spec", "secrets", "store"])
	finding := {
		"msg": sprintf(
			"%s credentials are used but secrets.store does not say where they are kept",
			[lib.quoted(credentials)],
		),
		"path": ["spec", "secrets", "store"],
	}
}
