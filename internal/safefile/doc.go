// Package safefile reads and writes the files a run names, in a repository
// whose content may be hostile: a pull request controls file names, file
// types and symlinks, but not the paths a CI job passes on the command line.
//
// Reads (the config, a baseline, a policy) take regular files only, never
// follow a symlink in the last component, never block on a FIFO (the file
// is opened non-blocking and checked with fstat before a byte is read) and
// stop at a size limit.
//
// Writes go to a temporary file in the target's directory, synced and then
// renamed over the target, so a failed write leaves the previous file
// whole. A target is refused before anything is written when it is a
// symlink, not a regular file, an input of the run (compared by device and
// inode, not by name), when a directory on its path below the repository
// root is a symlink, or when its path climbs back out of a symlink with "..".
//
// It knows nothing of what the files hold.
package safefile
