//go:build !unix

package safefile

import (
	"io/fs"
	"os"
)

// openNoFollow checks the last component before opening where the system
// has no O_NOFOLLOW; Open checks the opened file again with fstat.
func openNoFollow(path string) (*os.File, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: &KindError{Mode: info.Mode()}}
	}
	return os.Open(path)
}
