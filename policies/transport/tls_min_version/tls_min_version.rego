# METADATA
# title: TLS is at least version 1.2
# description: >-
#   TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996). An
#   interface that still accepts them lets an attacker downgrade a connection
#   to a protocol version that can be broken.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.24"]
#   frameworks:
#     soc2: ["CC6.7"]
#     nist-800-53: ["SC-8(1)", "SC-13"]
#     cis-v8: ["3.10"]
#     pci-dss-4: ["4.2", "4.2.1"]
#     ccm-v4: ["CEK-04"]
#     hipaa: ["164.312(e)(2)(ii)"]
#     gdpr: ["32(1)(a)"]
#     owasp-api-2023: ["API8"]
#   trigger: >-
#     spec.encryption.inTransit.minVersion is below 1.2, comparing MAJOR.MINOR
#     numerically (1.0 and 1.1 are below; 1.2, 1.3 and 1.10 are not).
#   remediation: >-
#     Disable TLS 1.0 and 1.1 on the interface and set
#     spec.encryption.inTransit.minVersion to "1.2" or "1.3".
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
#         encryption:
#           inTransit:
#             tls: true
#             minVersion: "1.0"
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
#         encryption:
#           inTransit:
#             tls: true
#             minVersion: "1.2"
package ifacelint.rules.transport.tls_min_version

import data.ifacelint.lib

deny contains finding if {
	version := input.spec.encryption.inTransit.minVersion
	not version in _current # the usual values, decided without parsing them
	[major, minor] := _parse(version)
	_below_1_2(major, minor)
	finding := {
		"msg": sprintf("encryption.inTransit.minVersion %q is below TLS 1.2", [version]),
		"path": ["spec", "encryption", "inTransit", "minVersion"],
	}
}

# _current are versions _parse reads as 1.2 or above.
_current := {"1.2", "1.3"}

# _parse reads "MAJOR.MINOR" as two numbers; undefined for anything else.
_parse(version) := [lib.parse_uint(parts[0]), lib.parse_uint(parts[1])] if {
	is_string(version)
	parts := split(version, ".")
	count(parts) == 2
}

_below_1_2(major, _) if major < 1

_below_1_2(major, minor) if {
	major == 1
	minor < 2
}
