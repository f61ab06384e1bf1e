# METADATA
# title: Retired interfaces are not reachable from outside
# description: >-
#   A retired interface is one nobody maintains any more: it gets no fixes, no
#   reviews and no monitoring. Left reachable by partners or the internet, it
#   is an unowned way in.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.32", "5.9"]
#   frameworks:
#     soc2: ["CC8.1"]
#     nist-800-53: ["SA-22", "CM-8"]
#     cis-v8: ["2.2"]
#     pci-dss-4: []
#     ccm-v4: []
#     hipaa: []
#     gdpr: []
#     owasp-api-2023: ["API9"]
#   trigger: >-
#     An Interface with spec.lifecycle retired and exposure internet or
#     partner that still lists an endpoint, in spec.endpoints or in any entry
#     of spec.versions: one finding.
#   remediation: >-
#     Withdraw the endpoints and remove them from the document; if the
#     interface is in fact still served, set spec.lifecycle to what it is
#     (deprecated, with a sunset date).
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
#         exposure: partner
#         lifecycle: retired
#         endpoints:
#           - url: https://orders.example.com/v1
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: orders-api
#         name: Orders API
#       spec:
#         type: api
#         direction: inbound
#         exposure: partner
#         lifecycle: retired
package ifacelint.rules.lifecycle.retired_exposed

import data.ifacelint.lib

deny contains finding if {
	input.spec.lifecycle == "retired"
	lib.external(input.spec)
	n := _endpoints
	n > 0
	finding := {
		"msg": sprintf("the interface is retired but still lists %v endpoint(s) reachable from %s", [n, input.spec.exposure]),
		"path": ["spec", "lifecycle"],
	}
}

_endpoints := count(_listed(input.spec)) + sum([count(_listed(v)) | some v in input.spec.versions; is_object(v)])

_listed(obj) := obj.endpoints if is_array(obj.endpoints)

_listed(obj) := [] if not is_array(object.get(obj, "endpoints", null))
