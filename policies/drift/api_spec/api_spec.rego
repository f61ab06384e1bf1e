# METADATA
# title: spec.apiSpec names a readable OpenAPI description
# description: >-
#   The drift rules compare an interface with the OpenAPI description its
#   spec.apiSpec names. A description that is missing, moved, outside the
#   repository or unreadable leaves that comparison undone, so the inventory
#   could drift from the service unnoticed.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.9"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["CM-8"]
#     cis-v8: ["12.4"]
#     pci-dss-4: ["12.5.1"]
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     spec.apiSpec is set and does not name a readable OpenAPI 2.0, 3.0 or
#     3.1 description: the file is missing, the path is absolute, a URL or
#     leads outside the repository or into .git, git does not track the
#     file (in a git work tree), a symlink is on the way, or the
#     description (or a file its $refs lead to) is over the loader's limits
#     or is not a valid description. The message gives the description's
#     file, line and column where it can.
#   remediation: >-
#     Point spec.apiSpec at the description's path relative to the
#     repository root (e.g. services/orders/openapi.yaml), commit the
#     description (lint reads only files the repository tracks) and fix
#     what the message names, or remove spec.apiSpec if the interface has
#     no description.
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
#         apiSpec: services/orders/openapi.yaml
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
#         apiSpec: api/orders.yaml
#     apiSpec: |
#       openapi: 3.1.0
#       info: {title: Orders API, version: "1"}
#       paths: {}
package ifacelint.rules.drift.api_spec

import data.ifacelint.lib

deny contains finding if {
	facts := lib.api_facts(input.spec)
	is_string(facts.error)
	finding := {
		"msg": sprintf("spec.apiSpec names an OpenAPI description that cannot be read: %s", [facts.error]),
		"path": ["spec", "apiSpec"],
	}
}
