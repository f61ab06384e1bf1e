// Package inventory finds inventory files, parses every YAML document they hold
// and keeps, for each document, the line and column of every node so that a
// finding can point at the exact place it is about.
//
// It owns the loader's defences against hostile input (size, aliases, depth,
// encoding). It knows nothing about the schema or the rules: where the schema
// decides how a scalar is read, the caller passes that decision in (Options).
package inventory
