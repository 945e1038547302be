//go:build !js

// Command compressedsize prints the size of its standard input raw, gzip -9 and brotli
// (quality 11), compressed as make build compresses the bundle: "RAW GZIP BROTLI". Measuring
// tools such as scripts/bench-size.sh use it, so no brotli program is needed.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/chatclose/chatclose/web/release"
)

func main() {
	data, err := io.ReadAll(os.Stdin)
	if err == nil {
		var gz, br int
		if gz, br, err = release.CompressedSizes(data); err == nil {
			fmt.Println(len(data), gz, br)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "compressedsize:", err)
	os.Exit(1)
}
