package handler

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryFuzzTargetHasACorpus makes sure plain go test (and so make test) runs a seed corpus
// for every fuzz target of the package: each FuzzXxx function needs testdata/fuzz/FuzzXxx with
// at least three inputs. go test itself fails on a corpus file it cannot read.
func TestEveryFuzzTargetHasACorpus(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Fuzz") {
				targets = append(targets, fn.Name.Name)
			}
		}
	}
	if len(targets) < 3 {
		t.Fatalf("found fuzz targets %v; expected FuzzDecide, FuzzSession and FuzzConfig at least", targets)
	}
	for _, target := range targets {
		entries, err := os.ReadDir(filepath.Join("testdata", "fuzz", target))
		if err != nil || len(entries) < 3 {
			t.Errorf("%s has no seed corpus of at least 3 inputs in testdata/fuzz/%s (%v)", target, target, err)
		}
	}
}
