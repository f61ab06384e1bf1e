package lint

// SetAfterIndexPass sets a hook that runs between a run's two passes.
func SetAfterIndexPass(f func()) { afterIndexPass = f }

// SetDeferAll makes runs evaluate every document in the second pass.
func SetDeferAll(b bool) { deferAll = b }
