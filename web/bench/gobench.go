//go:build !js

package main

import (
	"fmt"
	"os/exec"
	"strings"
)

// goBenchmarks runs the Go benchmarks of the decision alone (natively) and returns their
// result lines.
func goBenchmarks() ([]string, error) {
	out, err := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-benchmem", "./handler").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench ./handler: %v\n%s", err, out)
	}
	var lines []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "Benchmark") || strings.HasPrefix(line, "cpu:") {
			lines = append(lines, strings.Join(strings.Fields(line), " "))
		}
	}
	return lines, nil
}
