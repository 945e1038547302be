package sandbox

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"net/http"
	"time"
)

// staticFiles holds web/sandbox/static: the sandbox pages, their scripts and
// styles, and the Genesys Widgets stand-in.
//
//go:embed static
var staticFiles embed.FS

// customerTemplateName is the static file that /customer.html renders.
const customerTemplateName = "customer.html"

// embeddedStatic returns the embedded static folder as the root of an fs.FS.
func embeddedStatic() fs.FS {
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic("sandbox: the embedded static folder cannot be opened: " + err.Error())
	}
	return static
}

// serveStaticFile answers with the static file name (a slash-separated path
// inside the static folder). Directories, invalid paths and missing files get
// a 404; the customer page's template is only served rendered, at
// /customer.html.
func (s *Server) serveStaticFile(w http.ResponseWriter, r *http.Request, name string) {
	if name == customerTemplateName {
		http.Error(w, "static/customer.html is the template of the customer's page; open /customer.html", http.StatusNotFound)
		return
	}
	if !fs.ValidPath(name) || name == "." {
		http.NotFound(w, r)
		return
	}
	info, err := fs.Stat(s.static, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		http.NotFound(w, r)
		return
	case err != nil:
		http.Error(w, "cannot read static file "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	case info.IsDir():
		http.Error(w, name+" is a directory; the sandbox lists no directories", http.StatusNotFound)
		return
	}
	data, err := fs.ReadFile(s.static, name)
	if err != nil {
		http.Error(w, "cannot read static file "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentTypeFor(name))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}
