package sandbox

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
)

// serveBundle answers /chatclose/{path} from the dist directory, read at
// request time. A .br or .gz sibling is served instead, with Content-Encoding
// and the original's Content-Type, when the client accepts that coding (br
// first). .wasm answers wait WasmDelay first. Missing files, directories and
// paths that leave the dist directory get a 404 that says to build.
func (s *Server) serveBundle(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	if strings.HasSuffix(name, ".wasm") && !s.waitWasmDelay(r) {
		return
	}
	w.Header().Add("Vary", "Accept-Encoding")
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) {
		s.bundleNotFound(w, name)
		return
	}
	root, err := os.OpenRoot(s.distDir)
	if err != nil {
		s.bundleNotFound(w, name)
		return
	}
	defer root.Close()

	original, originalInfo, err := openRegularFile(root, name)
	if err != nil {
		if originalInfo != nil && originalInfo.IsDir() {
			http.Error(w, "/chatclose/"+name+" is a directory; the sandbox lists no directories", http.StatusNotFound)
			return
		}
		s.bundleNotFound(w, name)
		return
	}
	defer original.Close()

	if s.faults.touches(name) {
		content, err := io.ReadAll(original)
		if err != nil {
			http.Error(w, "cannot read /chatclose/"+name+": "+err.Error(), http.StatusInternalServerError)
			return
		}
		s.serveFaultyBundleFile(w, r, name, content)
		return
	}
	w.Header().Set("Content-Type", contentTypeFor(name))
	for _, candidate := range acceptedCodings(r.Header.Values("Accept-Encoding")) {
		compressed, info, err := openRegularFile(root, name+candidate.suffix)
		if err != nil {
			continue
		}
		defer compressed.Close()
		w.Header().Set("Content-Encoding", candidate.coding)
		http.ServeContent(w, r, name, info.ModTime(), compressed)
		return
	}
	http.ServeContent(w, r, name, originalInfo.ModTime(), original)
}

// waitWasmDelay waits WasmDelay and reports false when the client gave up
// first.
func (s *Server) waitWasmDelay(r *http.Request) bool {
	return wait(r, s.wasmDelay)
}

// bundleNotFound answers 404 with what to do about a missing bundle file.
func (s *Server) bundleNotFound(w http.ResponseWriter, name string) {
	message := fmt.Sprintf("chatclose bundle file %q not found in %s: run `make build` to build web/dist (no restart needed afterwards)", name, s.distDir)
	http.Error(w, message, http.StatusNotFound)
}

// openRegularFile opens name inside root and returns it only when it is a
// regular file; otherwise it returns an error, and the file's info when it
// exists.
func openRegularFile(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	file, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		file.Close()
		return nil, info, fmt.Errorf("%s is not a regular file", name)
	}
	return file, info, nil
}
