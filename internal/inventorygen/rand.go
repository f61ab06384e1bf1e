package inventorygen

// rng is SplitMix64: tiny, fast and, unlike math/rand's helpers, guaranteed
// to give the same sequence forever, so a cached inventory stays valid.
type rng struct{ state uint64 }

func newRNG(seed uint64) *rng { return &rng{state: seed} }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); the modulo bias is irrelevant here.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance is true with probability p.
func (r *rng) chance(p float64) bool {
	return float64(r.next()>>11)/(1<<53) < p
}

// pick returns one element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// weighted picks xs[i] with probability weights[i]/sum(weights).
func weighted[T any](r *rng, xs []T, weights []int) T {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.intn(total)
	for i, w := range weights {
		if n < w {
			return xs[i]
		}
		n -= w
	}
	return xs[len(xs)-1]
}

// some returns between lo and hi distinct elements of xs, in xs's order.
func some[T any](r *rng, xs []T, lo, hi int) []T {
	n := min(r.between(lo, hi), len(xs))
	chosen := make([]bool, len(xs))
	for k := 0; k < n; {
		i := r.intn(len(xs))
		if !chosen[i] {
			chosen[i] = true
			k++
		}
	}
	out := make([]T, 0, n)
	for i, x := range xs {
		if chosen[i] {
			out = append(out, x)
		}
	}
	return out
}
