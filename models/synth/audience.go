package synth

import "slices"

// audience is whom a directive goes to.
type audience uint8

// The audiences of a directive.
const (
	everyone      audience = iota // all agencies
	allMinistries                 // all ministries
	allProvinces                  // all provinces
	few                           // 1 to 20 agencies of any kind
)

// audienceMix is the audience of each of m directives, shuffled: per
// thousand directives, 52 go to everyone, 300 to all ministries, 45 to all
// provinces and the rest to a few agencies. The counts are exact rather
// than drawn, so that the total of assignments hardly varies with the seed:
// 3,393 agencies and 2,919 directives make about 1,000,000 assignments.
func (g *generator) audienceMix(m int) []audience {
	kinds := make([]audience, 0, m)
	for _, k := range []struct {
		a        audience
		permille int
	}{{everyone, 52}, {allMinistries, 300}, {allProvinces, 45}} {
		for range (m*k.permille + 500) / 1000 {
			kinds = append(kinds, k.a)
		}
	}
	for len(kinds) < m {
		kinds = append(kinds, few)
	}
	g.rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	return kinds[:m]
}

// audience is the agencies (indices into g.agencies, in order) the current
// directive goes to.
func (g *generator) audience() []int {
	n, nm := len(g.agencies), ministryCount(len(g.agencies))
	lo, hi := 0, n
	switch g.kinds[g.ids.directive-1] {
	case allMinistries:
		hi = nm
	case allProvinces:
		lo = nm
	case few:
		k := min(n, 1+g.rng.IntN(20))
		picked := make([]int, 0, k)
		for len(picked) < k {
			if i := g.rng.IntN(n); !slices.Contains(picked, i) {
				picked = append(picked, i)
			}
		}
		slices.Sort(picked)
		return picked
	}
	out := make([]int, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}
