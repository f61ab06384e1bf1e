# METADATA
# title: Privileged interfaces are not open to the whole internet
# description: >-
#   An administrative interface reachable by anyone on the internet is scanned
#   and attacked constantly. Privileged access belongs behind a VPN, a
#   zero-trust access proxy, a private network or at least an IP allowlist
#   (A.8.20, A.8.22).
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.20", "8.22"]
#   frameworks:
#     soc2: ["CC6.6"]
#     nist-800-53: ["AC-17", "SC-7"]
#     cis-v8: ["12.7"]
#     pci-dss-4: ["1.4", "1.4.2"]
#     ccm-v4: ["IVS-03"]
#     hipaa: ["164.312(a)(1)"]
#     gdpr: []
#     owasp-api-2023: ["API5"]
#   trigger: >-
#     A privileged Interface with exposure internet whose spec.network.access
#     is not vpn, zero-trust or private and that has no spec.network.allowlist
#     (missing or empty).
#   remediation: >-
#     Put the interface behind a VPN, zero-trust proxy or private network and
#     set spec.network.access accordingly, or restrict it to known addresses
#     in spec.network.allowlist.
#   examples:
#     fail: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-console
#         name: Admin console
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internet
#         privileged: true
#         network:
#           access: public
#     pass: |
#       apiVersion: ifacelint/v1
#       kind: Interface
#       metadata:
#         id: admin-console
#         name: Admin console
#       spec:
#         type: portal
#         direction: inbound
#         exposure: internet
#         privileged: true
#         network:
#           access: zero-trust
package ifacelint.rules.network.admin_exposure

import data.ifacelint.lib

deny contains finding if {
	lib.privileged(input.spec)
	input.spec.exposure == "internet"
	not _restricted_access
	ifacelint.missing(input, ["spec", "network", "allowlist"])
	finding := {
		"msg": sprintf(
			"privileged interface is reachable from the internet (network.access %s) and has no network.allowlist",
			[_access],
		),
		"path": ["spec", "network", "access"],
	}
}

_restricted_access if input.spec.network.access in {"vpn", "zero-trust", "private"}

default _access := "not set"

_access := sprintf("%q", [input.spec.network.access]) if {
	not ifacelint.missing(input, ["spec", "network", "access"])
}
