//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openNoFollow opens without following a symlink in the last component,
// without blocking on a FIFO and without taking a terminal as the
// controlling one.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW|syscall.O_NOCTTY, 0)
}
