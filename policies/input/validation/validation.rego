# METADATA
# title: Inbound data is validated
# description: >-
#   Data received from another system is untrusted until validated. Injection
#   and deserialisation attacks arrive through APIs, webhooks, queues and file
#   drops that accept input without checking it against a schema, and through
#   the responses of a third party's API that the organisation calls and
#   trusts blindly (OWASP API10:2023, unsafe consumption of APIs).
# custom:
#   severity: warning
#   kinds: [Interface]
#   controls: ["8.26", "8.28"]
#   frameworks:
#     soc2: ["PI1.2"]
#     nist-800-53: ["SI-10"]
#     cis-v8: ["16.10"]
#     pci-dss-4: ["6.2", "6.2.4"]
#     ccm-v4: ["AIS-04"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API10"]
#   trigger: >-
#     An Interface of type api, webhook, queue or file-transfer with direction
#     inbound or bidirectional, or an outbound api that calls a third party
#     (spec.thirdParty) and so consumes its responses, whose
#     spec.inputValidation.enabled is not true.
#   remediation: >-
#     Validate every inbound message or file against a schema, reject what
#     does not match, and set spec.inputValidation.enabled to true with
#     spec.inputValidation.schema naming the schema.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: internet
#         inputValidation:
#           enabled: true
#           schema: openapi/orders-v1.yaml
package ifacelint.rules.input.validation

deny contains finding if {
	input.spec.type in {"api", "webhook", "queue", "file-transfer"}
	input.spec.direction in {"inbound", "bidirectional"}
	not input.spec.inputValidation.enabled == true
	finding := {
		"msg": sprintf(
			"%s %s does not validate its input (inputValidation.enabled is not true)",
			[input.spec.direction, input.spec.type],
		),
		"path": ["spec", "inputValidation", "enabled"],
	}
}

# An outbound call to a third party's API consumes its responses.
deny contains finding if {
	input.spec.type == "api"
	input.spec.direction == "outbound"
	is_string(input.spec.thirdParty)
	input.spec.thirdParty != ""
	not input.spec.inputValidation.enabled == true
	finding := {
		"msg": sprintf(
			"outbound api consumes the responses of third party %q without validating them (inputValidation.enabled is not true)",
			[input.spec.thirdParty],
		),
		"path": ["spec", "inputValidation", "enabled"],
	}
}
