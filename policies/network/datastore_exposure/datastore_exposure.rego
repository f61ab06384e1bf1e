# METADATA
# title: Databases, caches and queues are not open to the internet
# description: >-
#   A data store reachable from the whole internet is found by scanners
#   within hours, and one weak or default credential then gives away its
#   data. Data stores are reached by known clients: an allowlist or
#   identity-aware (zero-trust) access limits who can try.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.20", "8.22"]
#   frameworks:
#     soc2: ["CC6.6"]
#     nist-800-53: ["SC-7"]
#     cis-v8: ["12.2"]
#     pci-dss-4: ["1.3", "1.4"]
#     ccm-v4: ["IVS-03"]
#     hipaa: ["164.312(a)(1)"]
#     gdpr: ["32(1)(b)"]
#     owasp-api-2023: ["API8"]
#   trigger: >-
#     An Interface with exposure internet that is a data store (type database
#     or queue, or an endpoint whose scheme is redis, rediss or memcached)
#     whose spec.network.access is not zero-trust, vpn or private (missing
#     counts as public) and that has no spec.network.allowlist (missing or
#     empty). One finding.
#   remediation: >-
#     Take the data store off the internet (private or VPN access), or put it
#     behind identity-aware access (spec.network.access zero-trust) or an
#     allowlist of the client ranges (spec.network.allowlist).
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-db
#         name: Orders database
#       spec:
#         type: database
#         direction: inbound
#         exposure: internet
#         network:
#           access: public
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-db
#         name: Orders database
#       spec:
#         type: database
#         direction: inbound
#         exposure: internet
#         network:
#           access: public
#           allowlist: [203.0.113.0/28]
package ifacelint.rules.network.datastore_exposure

deny contains finding if {
	input.spec.exposure == "internet"
	_store
	not _restricted_access
	ifacelint.missing(input, ["spec", "network", "allowlist"])
	finding := {
		"msg": sprintf("%s is reachable from the internet (network.access %s) and has no network.allowlist", [_what, _access]),
		"path": ["spec", "network"],
	}
}

_restricted_access if input.spec.network.access in {"zero-trust", "vpn", "private"}

_store if input.spec.type in {"database", "queue"}

_store if _cache

_cache if {
	some endpoint in input.spec.endpoints
	is_string(endpoint.url)
	some scheme in {"redis", "rediss", "memcached"}
	startswith(lower(endpoint.url), concat("", [scheme, "://"]))
}

_what := sprintf("%s", [input.spec.type]) if {
	input.spec.type in {"database", "queue"}
} else := "cache"

default _access := "not set"

_access := sprintf("%q", [input.spec.network.access]) if {
	not ifacelint.missing(input, ["spec", "network", "access"])
}
