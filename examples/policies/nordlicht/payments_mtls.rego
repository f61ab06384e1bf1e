# METADATA
# title: Payment interfaces that leave the company use mutual TLS
# description: >-
#   Card and settlement data between Nordlicht Pay and its processors, banks and
#   partners travels only over mutually authenticated TLS, as our PCI DSS scope
#   document requires. Server-only TLS does not prove who is on the other end.
# custom:
#   severity: error
#   controls: ["8.24", "5.14"]
#   frameworks:
#     soc2: ["CC6.7"]
#     nist-800-53: ["SC-8(1)", "IA-9"]
#     cis-v8: ["3.10"]
#     pci-dss-4: ["4.2", "4.2.1"]
#   trigger: >-
#     A networked Interface labelled domain=payments, exposed to partners or the
#     internet, without spec.encryption.inTransit.mtls set to true.
#   remediation: >-
#     Issue client certificates to the counterparty, require them at the edge, and
#     set spec.encryption.inTransit.mtls to true.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata: {id: card-api, name: Card API, labels: {domain: payments}}
#       spec: {type: api, direction: inbound, exposure: partner, encryption: {inTransit: {tls: true}}}
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata: {id: card-api, name: Card API, labels: {domain: payments}}
#       spec: {type: api, direction: inbound, exposure: partner, encryption: {inTransit: {tls: true, mtls: true}}}
package ifacelint.rules.nordlicht.payments_mtls

import data.ifacelint.lib

deny contains finding if {
	input.kind == "Interface"
	input.metadata.labels.domain == "payments"
	lib.external(input.spec)
	lib.networked(input.spec)
	not input.spec.encryption.inTransit.mtls == true
	finding := {
		"msg": sprintf("%s payments interface %q does not use mutual TLS", [input.spec.exposure, input.metadata.id]),
		"path": ["spec", "encryption", "inTransit", "mtls"],
	}
}
