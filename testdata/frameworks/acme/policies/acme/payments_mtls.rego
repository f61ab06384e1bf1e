# METADATA
# title: Payment interfaces use mutual TLS
# description: Card data moves only between parties that both prove who they are.
# custom:
#   severity: warning
#   controls: ["8.24"]
#   frameworks:
#     pci-dss-4: ["4.2"]
#     acme-sec: ["ACME-CRY-2"]
#   trigger: An Interface labelled domain payments whose spec.encryption.inTransit.mtls is not true.
#   remediation: Set spec.encryption.inTransit.mtls to true.
package ifacelint.rules.acme.payments_mtls

rule_id := "acme/payments-mtls"

deny contains {"msg": "payments interface does not use mTLS", "path": ["spec", "encryption", "inTransit", "mtls"]} if {
	input.kind == "Interface"
	input.metadata.labels.domain == "payments"
	not input.spec.encryption.inTransit.mtls
}
