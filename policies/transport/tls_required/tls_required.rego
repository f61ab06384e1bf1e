# METADATA
# title: Traffic is encrypted in transit
# description: >-
#   Anything sent in clear text over a network can be read and altered by
#   whoever sits on the path. Networked interfaces must declare TLS, and no
#   endpoint may use a plaintext protocol.
# custom:
#   severity: error
#   kinds: [Interface]
#   controls: ["8.24", "5.14", "8.20"]
#   frameworks:
#     soc2: ["CC6.7"]
#     nist-800-53: ["SC-8", "SC-8(1)"]
#     cis-v8: ["3.10"]
#     pci-dss-4: ["4.2", "4.2.1"]
#     ccm-v4: ["CEK-03"]
#     hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"]
#     gdpr: ["32(1)(a)"]
#     owasp-api-2023: ["API8"]
#   trigger: >-
#     A networked Interface (any type but workflow) whose
#     spec.encryption.inTransit.tls is not true (one finding); and, for any
#     Interface, each endpoint whose URL scheme is http, ws, ftp, telnet,
#     ldap, amqp, mqtt or redis, or smtp while
#     spec.encryption.inTransit.starttls is not true (plain SMTP is upgraded
#     only by an enforced STARTTLS): one finding per endpoint, at that
#     endpoint's url.
#   remediation: >-
#     Serve the interface over TLS only, switch every endpoint in
#     spec.endpoints to its TLS scheme (https, wss, sftp or ftps, ldaps,
#     amqps, mqtts, rediss; ssh instead of telnet; smtps, or smtp with
#     STARTTLS enforced and spec.encryption.inTransit.starttls true) and set
#     spec.encryption.inTransit.tls to true.
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
#           - url: http://orders.example.com/v1
#         encryption:
#           inTransit:
#             tls: false
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
#           - url: https://orders.example.com/v1
#         encryption:
#           inTransit:
#             tls: true
#             minVersion: "1.2"
package ifacelint.rules.transport.tls_required

import data.ifacelint.lib

_plaintext_schemes := {"http", "ws", "ftp", "telnet", "ldap", "amqp", "mqtt", "redis"}

deny contains finding if {
	lib.networked(input.spec)
	not input.spec.encryption.inTransit.tls == true
	finding := {
		"msg": "networked interface does not declare encryption.inTransit.tls: true",
		"path": ["spec", "encryption", "inTransit", "tls"],
	}
}

deny contains finding if {
	some i, endpoint in input.spec.endpoints
	url := endpoint.url
	is_string(url)
	not startswith(url, "https://") # the usual scheme, decided without a regular expression
	scheme := _scheme(url)
	scheme == "smtp"
	not input.spec.encryption.inTransit.starttls == true
	finding := {
		"msg": sprintf("endpoint %q uses smtp without STARTTLS declared (encryption.inTransit.starttls is not true)", [lib.display_url(url)]),
		"path": ["spec", "endpoints", i, "url"],
	}
}

deny contains finding if {
	some i, endpoint in input.spec.endpoints
	url := endpoint.url
	is_string(url)
	not startswith(url, "https://") # the usual scheme, decided without a regular expression
	scheme := _scheme(url)
	scheme in _plaintext_schemes
	finding := {
		"msg": sprintf("endpoint %q uses plaintext scheme %q", [lib.display_url(url), scheme]),
		"path": ["spec", "endpoints", i, "url"],
	}
}

_scheme(url) := lower(match[1]) if {
	is_string(url)
	some match in regex.find_all_string_submatch_n(`^([A-Za-z][A-Za-z0-9+.-]*):`, url, 1)
}
