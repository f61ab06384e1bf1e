# METADATA
# title: Endpoints match the OpenAPI description's servers
# description: >-
#   The servers an OpenAPI description lists are where the service is
#   reachable. A server the inventory does not list escapes every rule that
#   checks endpoints (a new http:// server is never seen by
#   transport/tls-required); an endpoint the description no longer serves
#   is a stale entry.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["5.9", "8.20"]
#   frameworks:
#     soc2: ["CC6.6", "CC8.1"]
#     nist-800-53: ["CM-8", "SC-7"]
#     cis-v8: ["12.4"]
#     pci-dss-4: ["1.2.4", "12.5.1"]
#     ccm-v4: ["IVS-08"]
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface, not of type webhook, whose spec.apiSpec names a readable
#     OpenAPI description, and the description lists an absolute server URL
#     (variables expanded with their defaults; relative servers do not
#     count) that no spec.endpoints url matches, or, when it lists any
#     absolute server, a spec.endpoints url matches none of them. URLs match
#     ignoring letter case and trailing slashes. One finding per URL; a
#     missing server is reported at spec.endpoints, naming the
#     description's file and line, an extra endpoint at its url.
#   remediation: >-
#     Bring spec.endpoints in line with the description's servers: add the
#     servers the interface really serves, remove endpoints it no longer
#     serves, or correct the description.
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
#         endpoints:
#           - url: https://api.example.com/orders
#         apiSpec: api/orders.yaml
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
#         endpoints:
#           - url: https://api.example.com/orders
#           - url: https://eu.api.example.com/orders
#         apiSpec: api/orders.yaml
#     apiSpec: |
#       openapi: 3.1.0
#       info: {title: Orders API, version: "1"}
#       servers:
#         - url: https://api.example.com/orders
#         - url: https://{region}.api.example.com/orders
#           variables:
#             region: {default: eu}
#       paths: {}
package ifacelint.rules.drift.endpoints

import data.ifacelint.lib

deny contains finding if {
	input.spec.type != "webhook"
	facts := lib.api_facts(input.spec)
	not facts.error
	listed := {_key(e.url) | some e in input.spec.endpoints; is_string(e.url)}
	some server in facts.servers
	not _key(server.url) in listed
	finding := {
		"msg": sprintf("server %q of the OpenAPI description (%s) is not in spec.endpoints", [server.display, server.at]),
		"path": ["spec", "endpoints"],
	}
}

deny contains finding if {
	input.spec.type != "webhook"
	facts := lib.api_facts(input.spec)
	not facts.error
	count(facts.servers) > 0
	served := {_key(server.url) | some server in facts.servers}
	some i, endpoint in input.spec.endpoints
	is_string(endpoint.url)
	not _key(endpoint.url) in served
	finding := {
		"msg": sprintf("endpoint %q is not a server of the OpenAPI description %s", [lib.display_url(endpoint.url), facts.file]),
		"path": ["spec", "endpoints", i, "url"],
	}
}

_key(url) := lower(trim_right(url, "/"))
