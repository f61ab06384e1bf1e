# METADATA
# title: Interfaces name their system and a known domain
# description: >-
#   The CMDB joins the interface inventory to systems through the `system` and
#   `domain` labels; an interface without them falls out of the quarterly access
#   review and the data-flow map the DPO signs off.
# custom:
#   severity: warning
#   controls: ["5.9"]
#   frameworks:
#     nist-800-53: ["CM-8"]
#     pci-dss-4: ["12.5.1"]
#   trigger: >-
#     An Interface without metadata.labels.system, or whose metadata.labels.domain
#     is missing or not one of the domains parameter.
#   remediation: >-
#     Set metadata.labels.system to the owning system's CMDB name and
#     metadata.labels.domain to one of the configured domains.
#   params:
#     domains: [payments, merchant, platform, data, support]
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata: {id: card-api, name: Card API, labels: {domain: cards}}
#       spec: {type: api, direction: inbound, exposure: partner}
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata: {id: card-api, name: Card API, labels: {domain: payments, system: payment-gateway}}
#       spec: {type: api, direction: inbound, exposure: partner}
package ifacelint.rules.nordlicht.system_label

import data.ifacelint.lib

rule_id := "nordlicht/system-label"

deny contains {"msg": "interface has no metadata.labels.system naming its CMDB system", "path": ["metadata", "labels", "system"]} if {
	input.kind == "Interface"
	lib.missing(input, ["metadata", "labels", "system"])
}

deny contains finding if {
	input.kind == "Interface"
	domains := lib.param(rule_id, "domains")

	# object.get, not input.metadata.labels.domain: `not x in s` with an
	# absent x is undefined, not true (OPA evaluates x outside the `not`).
	domain := object.get(input.metadata, ["labels", "domain"], null)
	not domain in domains
	finding := {
		"msg": sprintf("metadata.labels.domain is %s; expected one of %s", [domain_text, concat(", ", domains)]),
		"path": ["metadata", "labels", "domain"],
	}
}

domain_text := sprintf("%q", [input.metadata.labels.domain]) if is_string(input.metadata.labels.domain)

# else: absent, or not a string (the schema only allows strings).

else := "missing"
