package ifacelint.rules.transport.tls_required_test

import data.ifacelint.lib.fixture
import data.ifacelint.rules.transport.tls_required as rule

tls_finding := {
	"msg": "networked interface does not declare encryption.inTransit.tls: true",
	"path": ["spec", "encryption", "inTransit", "tls"],
}

tls := {"encryption": {"inTransit": {"tls": true}}}

with_endpoints(urls) := fixture.doc(object.union(tls, {"endpoints": [{"url": u} | some u in urls]}))

test_fires_when_tls_missing if {
	rule.deny == {tls_finding} with input as fixture.base
}

test_fires_when_tls_false if {
	rule.deny == {tls_finding} with input as fixture.doc({"encryption": {"inTransit": {"tls": false}}})
}

test_passes_with_tls_and_tls_endpoints if {
	count(rule.deny) == 0 with input as with_endpoints([
		"https://orders.example.com",
		"wss://orders.example.com/stream",
		"sftp://files.example.com",
		"amqps://mq.example.com",
		"ssh://bastion.example.com",
		"rediss://cache.example.com",
		"ldaps://ldap.example.com",
		"mqtts://iot.example.com",
	])
}

test_one_finding_per_plaintext_endpoint if {
	rule.deny == {
		{
			"msg": `endpoint "http://orders.example.com/v1" uses plaintext scheme "http"`,
			"path": ["spec", "endpoints", 0, "url"],
		},
		{"msg": `endpoint "ftp://files.example.com" uses plaintext scheme "ftp"`, "path": ["spec", "endpoints", 2, "url"]},
	} with input as with_endpoints([
		"http://orders.example.com/v1",
		"https://orders.example.com/v1",
		"ftp://files.example.com",
	])
}

test_every_plaintext_scheme if {
	every scheme in ["http", "ws", "ftp", "telnet", "ldap", "amqp", "mqtt", "redis"] {
		rule.deny == {{
			"msg": sprintf("endpoint %q uses plaintext scheme %q", [sprintf("%s://host.example.com", [scheme]), scheme]),
			"path": ["spec", "endpoints", 0, "url"],
		}} with input as with_endpoints([sprintf("%s://host.example.com", [scheme])])
	}
}

test_scheme_is_case_insensitive if {
	rule.deny == {{
		"msg": `endpoint "HTTP://orders.example.com" uses plaintext scheme "http"`,
		"path": ["spec", "endpoints", 0, "url"],
	}} with input as with_endpoints(["HTTP://orders.example.com"])
}

test_message_hides_credentials_in_url if {
	rule.deny == {{
		"msg": `endpoint "redis://cache.example.com:6379/0" uses plaintext scheme "redis"`,
		"path": ["spec", "endpoints", 0, "url"],
	}} with input as with_endpoints(["redis://admin:s3cr3t@cache.example.com:6379/0?token=abc#x"])
}

test_plaintext_endpoint_and_missing_tls_both_reported if {
	rule.deny == {
		tls_finding,
		{
			"msg": `endpoint "telnet://switch.example.com" uses plaintext scheme "telnet"`,
			"path": ["spec", "endpoints", 0, "url"],
		},
	} with input as fixture.doc({"type": "network", "endpoints": [{"url": "telnet://switch.example.com"}]})
}

test_workflow_needs_no_tls_but_endpoints_are_checked if {
	count(rule.deny) == 0 with input as fixture.doc({"type": "workflow", "exposure": "internal"})
	rule.deny == {{
		"msg": `endpoint "http://forms.example.com" uses plaintext scheme "http"`,
		"path": ["spec", "endpoints", 0, "url"],
	}} with input as fixture.doc({"type": "workflow", "endpoints": [{"url": "http://forms.example.com"}]})
}

test_ignores_endpoints_without_scheme_or_url if {
	count(rule.deny) == 0
		with input as fixture.doc(object.union(tls, {"endpoints": [{"url": "orders.example.com"}, {}, {"url": "httpx://a"}]}))
}

test_smtp_needs_starttls if {
	rule.deny == {{
		"msg": "endpoint \"smtp://mx.example.com:25\" uses smtp without STARTTLS declared (encryption.inTransit.starttls is not true)",
		"path": ["spec", "endpoints", 0, "url"],
	}} with input as fixture.doc({"type": "email", "endpoints": [{"url": "smtp://mx.example.com:25"}], "encryption": {"inTransit": {"tls": true}}})
	count(rule.deny) == 0 with input as fixture.doc({"type": "email", "endpoints": [{"url": "smtp://mx.example.com:587"}], "encryption": {"inTransit": {"tls": true, "starttls": true}}})
	count(rule.deny) == 0 with input as fixture.doc({"type": "email", "endpoints": [{"url": "smtps://mx.example.com:465"}], "encryption": {"inTransit": {"tls": true}}})
}
