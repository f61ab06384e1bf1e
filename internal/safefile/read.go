package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size limits of the files a run reads besides the inventory (whose limit is
// the loader's).
const (
	ConfigLimit   = 1 << 20  // .ifacelint.yaml
	BaselineLimit = 64 << 20 // a baseline file
	PolicyLimit   = 1 << 20  // one .rego file
	PoliciesLimit = 16 << 20 // every custom .rego file of a run together
	// FrameworkLimit bounds a framework catalogue or mappings file a
	// config's frameworks: entry names.
	FrameworkLimit = 1 << 20
)

// ErrNotRegular is the error for a path that is not a regular file (a FIFO,
// a device, a socket, a directory); errors.Is finds it in a *KindError.
var ErrNotRegular = errors.New("not a regular file")

// ErrSymlink is the error for a symlink where a file was expected: symlinks
// in the last component are never followed.
var ErrSymlink = errors.New("is a symlink (symlinks are not followed)")

// ErrTooLarge is the error for a file over its size limit.
var ErrTooLarge = errors.New("over the size limit")

// KindError says what a non-regular file is.
type KindError struct {
	Mode fs.FileMode
}

func (e *KindError) Error() string {
	return "is " + Describe(e.Mode) + ", not a regular file"
}

// Is makes errors.Is(err, ErrNotRegular) hold.
func (e *KindError) Is(target error) bool { return target == ErrNotRegular }

// Describe names a file type for a message: "a named pipe (FIFO)".
func Describe(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSymlink != 0:
		return "a symlink"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a block device"
	case mode.IsDir():
		return "a directory"
	case mode.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// SizeError is ErrTooLarge with the limit.
type SizeError struct {
	Limit int64
}

func (e *SizeError) Error() string {
	return "is over the " + HumanBytes(e.Limit) + " size limit"
}

// Is makes errors.Is(err, ErrTooLarge) hold.
func (e *SizeError) Is(target error) bool { return target == ErrTooLarge }

// HumanBytes shows a size or a size limit: "1 MiB", "5.0 MiB", "1.5 KiB".
func HumanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Open opens path for reading when it is a regular file. A symlink in the
// last component is refused (ErrSymlink), and so is anything but a regular
// file (ErrNotRegular): the file is opened without blocking (a FIFO with no
// writer would block a plain open forever) and checked with fstat, so a
// file swapped between a check and the open cannot slip through. Errors are
// *fs.PathError with Op "open".
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNoFollow(path)
	if err != nil {
		// Say what the path is, rather than ELOOP or ENXIO.
		if info, lerr := os.Lstat(path); lerr == nil {
			switch {
			case info.Mode()&fs.ModeSymlink != 0:
				return nil, nil, &fs.PathError{Op: "open", Path: path, Err: ErrSymlink}
			case !info.Mode().IsRegular():
				return nil, nil, &fs.PathError{Op: "open", Path: path, Err: &KindError{Mode: info.Mode()}}
			}
		}
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: &KindError{Mode: info.Mode()}}
	}
	return f, info, nil
}

// ReadFile reads a regular file of at most limit bytes (see Open). A file
// over the limit is an *fs.PathError holding a *SizeError, found before it
// is read when fstat says so, else after limit+1 bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, info, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &SizeError{Limit: limit}}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &SizeError{Limit: limit}}
	}
	return data, nil
}

// Reason is the cause of a read or write error without the path and
// operation an *fs.PathError adds, for messages that name the path
// themselves.
func Reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
