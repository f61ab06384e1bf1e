// Package inventory finds inventory files, parses every YAML document they hold
// and keeps, for each document, the region of every node (where it starts and
// where its text ends) so that a finding can point at the exact place it is
// about. yaml.v3 gives nodes a start only; region.go finds their ends in the
// source bytes.
//
// It owns the loader's defences against hostile input (size, aliases, depth,
// encoding). It knows nothing about the schema or the rules: where the schema
// decides how a scalar is read, the caller passes that decision in (Options).
package inventory
