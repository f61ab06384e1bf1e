// Package openapi reads OpenAPI 2.0 (Swagger), 3.0 and 3.1 descriptions,
// YAML or JSON, and returns the facts the inventory can be checked against:
// the servers (endpoints and their schemes), the security schemes defined,
// the security requirements in effect for every operation (global or the
// operation's own) with their scopes, and 3.1 webhooks, each with the file,
// line and column it comes from.
//
// A description is hostile input like an inventory file: every file it
// reads goes through the inventory loader's limits (size, aliases, depth,
// encoding), and a $ref is followed only where a fact needs it (path items,
// security schemes, webhooks), only to a file inside the repository, never
// over the network, through an absolute path, out of the repository with
// "..", or through a symlink; chains of $refs are bounded and cycles are
// refused. Schemas are never read, so a $ref inside a schema is never
// opened.
//
// It knows nothing of the inventory format: internal/draft turns the facts into
// Interface documents.
package openapi
