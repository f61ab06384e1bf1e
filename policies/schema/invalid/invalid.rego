# METADATA
# title: Documents match the ifacelint schema
# description: >-
#   A document the tool cannot read reliably cannot be checked: a misspelt
#   field silently disables the rule that reads it. Every document is
#   validated against the embedded JSON Schema before any other rule runs.
# custom:
#   severity: error
#   controls: ["5.9"]
#   frameworks:
#     soc2: []
#     nist-800-53: ["CM-8"]
#     cis-v8: []
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: []
#   trigger: >-
#     A file or document that does not match the embedded JSON Schema: YAML
#     syntax errors, duplicate keys, unknown fields, wrong types, bad enum
#     values, a bad id pattern or date, an apiVersion other than ifacelint/v1,
#     an unknown kind, a missing kind, metadata.id, metadata.name or spec, an
#     Interface without spec.type, spec.direction or spec.exposure, a file
#     with no document, and hostile input (oversized files, alias bombs,
#     excessive nesting, invalid UTF-8). One finding per offending node.
#     Computed by the engine; it cannot be waived or disabled.
#   remediation: >-
#     Correct the node the finding points at; `ifacelint schema` prints the
#     schema, and `ifacelint init` (or `ifacelint schema --editor`) sets
#     editors up to validate while typing.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: grpc
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
package ifacelint.rules.schema.invalid

# Computed by the Go engine (it needs positions or other rules' results); this
# package only carries the catalogue entry. The empty deny keeps it a rule.
deny := set()
