//go:build !js

package bus_test

import (
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// jsImports are the imports that only build for js/wasm.
var jsImports = map[string]bool{"syscall/js": true, "github.com/hack-pad/safejs": true}

// TestJavaScriptStaysBehindBuildTags walks every Go file of the module. A file that imports
// syscall/js or safejs must carry a //go:build constraint that holds only for js && wasm, so
// native builds and tests never see it; and no file in handler/, whatever its constraint,
// may import either.
func TestJavaScriptStaysBehindBuildTags(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		imports, expr := parseFile(t, path)
		usesJS := ""
		for _, imp := range imports {
			if jsImports[imp] {
				usesJS = imp
			}
		}
		if usesJS == "" {
			return nil
		}
		checked++
		if strings.HasPrefix(rel, "handler"+string(filepath.Separator)) {
			t.Errorf("%s imports %s: handler/ must stay pure Go; JavaScript access belongs in bus/", rel, usesJS)
		}
		if !onlyJSWasm(expr) {
			t.Errorf("%s imports %s but lacks a //go:build constraint that requires js && wasm", rel, usesJS)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no file imports syscall/js or safejs: the walk found nothing to check")
	}
}

// parseFile returns a file's imports and its //go:build expression (nil when it has none).
func parseFile(t *testing.T, path string) ([]string, constraint.Expr) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var imports []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		imports = append(imports, p)
	}
	for _, group := range f.Comments {
		if group.Pos() > f.Package {
			break
		}
		for _, c := range group.List {
			if constraint.IsGoBuild(c.Text) {
				expr, err := constraint.Parse(c.Text)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				return imports, expr
			}
		}
	}
	return imports, nil
}

// onlyJSWasm reports whether expr holds for GOOS=js GOARCH=wasm and for no target that lacks
// either tag.
func onlyJSWasm(expr constraint.Expr) bool {
	if expr == nil {
		return false
	}
	eval := func(js, wasm bool) bool {
		return expr.Eval(func(tag string) bool {
			switch tag {
			case "js":
				return js
			case "wasm":
				return wasm
			default:
				return false
			}
		})
	}
	return eval(true, true) && !eval(false, true) && !eval(true, false) && !eval(false, false)
}

func TestOnlyJSWasm(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		"//go:build js && wasm":  true,
		"//go:build wasm && js":  true,
		"//go:build js":          false,
		"//go:build wasm":        false,
		"//go:build js || wasm":  false,
		"//go:build !js":         false,
		"//go:build js && !wasm": false,
	}
	for line, want := range cases {
		expr, err := constraint.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		if got := onlyJSWasm(expr); got != want {
			t.Errorf("%s: got %v, want %v", line, got, want)
		}
	}
	if onlyJSWasm(nil) {
		t.Error("no constraint at all must not pass")
	}
}
