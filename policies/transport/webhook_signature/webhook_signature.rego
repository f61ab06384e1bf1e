# METADATA
# title: Inbound webhooks verify their sender
# description: >-
#   A webhook endpoint is called by someone else's system. Unless each
#   delivery is signed or arrives over mutual TLS, anyone who learns the URL
#   can forge events.
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.5", "5.14"]
#   frameworks:
#     soc2: ["CC6.6"]
#     nist-800-53: ["IA-9"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: ["IAM-14"]
#     hipaa: ["164.312(c)(2)", "164.312(d)"]
#     gdpr: []
#     owasp-api-2023: ["API2"]
#   trigger: >-
#     An inbound Interface of type webhook whose spec.authentication.methods
#     include neither hmac-signature nor mtls.
#   remediation: >-
#     Verify every delivery with the sender's HMAC signature or require mutual
#     TLS, and list hmac-signature or mtls in spec.authentication.methods.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payment-events
#         name: Payment provider events
#       spec:
#         type: webhook
#         direction: inbound
#         exposure: internet
#         authentication:
#           methods: [api-key]
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: payment-events
#         name: Payment provider events
#       spec:
#         type: webhook
#         direction: inbound
#         exposure: internet
#         authentication:
#           methods: [hmac-signature]
package ifacelint.rules.transport.webhook_signature

import data.ifacelint.lib

deny contains finding if {
	input.spec.type == "webhook"
	input.spec.direction == "inbound"
	count(lib.methods(input.spec) & {"hmac-signature", "mtls"}) == 0
	finding := {
		"msg": "inbound webhook verifies neither an HMAC signature nor mutual TLS (authentication.methods)",
		"path": ["spec", "authentication", "methods"],
	}
}
