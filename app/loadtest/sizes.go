package loadtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// generatorSize is how `roviec gen` is asked for a database of a nominal
// size: so many agencies, so many directives.
type generatorSize struct {
	Size       int
	Agencies   int
	Directives int
}

// generatorSizes are the sizes `roviec scale` knows, with the generator's
// flags for each. Tune the mapping here.
func generatorSizes() []generatorSize {
	return []generatorSize{
		{Size: 10_000, Agencies: 100, Directives: 420},
		{Size: 100_000, Agencies: 1000, Directives: 900},
		{Size: 1_000_000, Agencies: 3393, Directives: 2919},
	}
}

// sizeFor is the generator's flags for a nominal size.
func sizeFor(size int) (generatorSize, error) {
	known := generatorSizes()
	if i := slices.IndexFunc(known, func(g generatorSize) bool { return g.Size == size }); i >= 0 {
		return known[i], nil
	}
	names := make([]string, len(known))
	for i, g := range known {
		names[i] = strconv.Itoa(g.Size)
	}
	return generatorSize{}, fmt.Errorf("no generator mapping for size %d (known: %s; add one in app/loadtest/sizes.go)",
		size, strings.Join(names, ", "))
}

// ParseSizes reads a comma-separated list of sizes such as
// "10000,100000,1_000_000"; each must be one generatorSizes knows.
func ParseSizes(s string) ([]int, error) {
	var sizes []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(f), "_", ""))
		if err != nil {
			return nil, fmt.Errorf("%q is not a size", f)
		}
		if _, err := sizeFor(n); err != nil {
			return nil, err
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
