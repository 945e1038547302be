package sandbox

import (
	"strconv"
	"strings"
)

// precompressed is a content coding the bundle may ship as a sibling file.
type precompressed struct {
	coding string
	suffix string
}

// precompressedPreference lists the sibling files to look for, best first.
var precompressedPreference = []precompressed{
	{coding: "br", suffix: ".br"},
	{coding: "gzip", suffix: ".gz"},
}

// acceptedCodings parses Accept-Encoding header values and reports which of
// the codings in precompressedPreference the client accepts, best first. A
// coding counts when it is listed with a q-value above 0, or when it is not
// listed and "*" is, with a q-value above 0. Elements with an unreadable
// q-value are ignored.
func acceptedCodings(headerValues []string) []precompressed {
	listed := map[string]float64{}
	for _, value := range headerValues {
		for element := range strings.SplitSeq(value, ",") {
			coding, quality, ok := parseCodingElement(element)
			if ok && coding != "" {
				listed[coding] = quality
			}
		}
	}
	var accepted []precompressed
	for _, candidate := range precompressedPreference {
		quality, isListed := listed[candidate.coding]
		if !isListed {
			quality, isListed = listed["*"]
		}
		if isListed && quality > 0 {
			accepted = append(accepted, candidate)
		}
	}
	return accepted
}

// parseCodingElement reads one Accept-Encoding element such as "br;q=0.8"
// and returns the lower-case coding and its q-value (1 when absent).
func parseCodingElement(element string) (string, float64, bool) {
	parts := strings.Split(element, ";")
	coding := strings.ToLower(strings.TrimSpace(parts[0]))
	quality := 1.0
	for _, param := range parts[1:] {
		name, value, _ := strings.Cut(strings.TrimSpace(param), "=")
		if !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		parsed, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || parsed < 0 || parsed > 1 {
			return "", 0, false
		}
		quality = parsed
	}
	return coding, quality, true
}
