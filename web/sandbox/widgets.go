package sandbox

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
)

// StandIn is what WidgetsInfo reports as the version of the sandbox's own stand-in.
const StandIn = "stand-in"

// SplitEnv names the environment variable that, set to 1, runs the browser suite on the split
// deployment of the build (cxbus.min.js and plugins/): every customer page gets split=1.
const SplitEnv = "GENESYS_WIDGETS_SPLIT"

// WidgetsEnv names the environment variable that holds the folder of a real Genesys Widgets
// build (make demo, make test-widgets). Empty means the stand-in.
const WidgetsEnv = "GENESYS_WIDGETS"

// versionLine finds the version in a Genesys Widgets bundle's header comment, as in
// " * @version: 9.0.018.07".
var versionLine = regexp.MustCompile(`^\s*\*?\s*@version:\s*([0-9][0-9A-Za-z._-]*)\s*$`)

// headerLines bounds how far into widgets.min.js the version is looked for.
const headerLines = 20

// WidgetsInfo describes the Genesys Widgets the sandbox serves.
type WidgetsInfo struct {
	// Version is the build's version from its header, or StandIn.
	Version string `json:"version"`
	// StandIn is true when the sandbox serves its own stand-in.
	StandIn bool `json:"standIn"`
	// Split is true when the build also has the split deployment: cxbus.min.js and a
	// plugins/ folder beside the bundle, loaded through CXBus.loadPlugin. The stand-in has it.
	Split bool `json:"split"`
}

// StandInInfo is the WidgetsInfo of the sandbox's own stand-in, which serves both the bundle
// and the split deployment.
func StandInInfo() WidgetsInfo { return WidgetsInfo{Version: StandIn, StandIn: true, Split: true} }

// hasSplitFiles reports whether dir holds the split deployment: cxbus.min.js, and
// plugins/widgets-core.min.js that CXBus.loadPlugin('widgets-core') fetches.
func hasSplitFiles(dir string) bool {
	for _, name := range []string{"cxbus.min.js", filepath.Join("plugins", "widgets-core.min.js")} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// ReadWidgetsBuild checks that dir holds a Genesys Widgets build (widgets.min.js and
// widgets.min.css) and reads its version from the header of widgets.min.js, and whether it
// has the split deployment's files too. The error says what is missing and how to get a build.
func ReadWidgetsBuild(dir string) (WidgetsInfo, error) {
	for _, name := range []string{"widgets.min.js", "widgets.min.css"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !info.Mode().IsRegular() {
			return WidgetsInfo{}, fmt.Errorf("%s=%s: no %s there; the folder must hold a Genesys Widgets build (widgets.min.js, widgets.min.css, and plugins/ or i18n/ where the build has them); README \"Check chatclose against your Widgets build\" says how to get one", WidgetsEnv, dir, name)
		}
	}
	file, err := os.Open(filepath.Join(dir, "widgets.min.js"))
	if err != nil {
		return WidgetsInfo{}, err
	}
	defer file.Close()
	lines := bufio.NewScanner(file)
	lines.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 0; n < headerLines && lines.Scan(); n++ {
		if m := versionLine.FindStringSubmatch(lines.Text()); m != nil {
			return WidgetsInfo{Version: m[1], Split: hasSplitFiles(dir)}, nil
		}
	}
	if err := lines.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return WidgetsInfo{}, err
	}
	return WidgetsInfo{}, fmt.Errorf("%s=%s: widgets.min.js has no \"@version:\" line in its first %d lines; is it a Genesys Widgets bundle?", WidgetsEnv, dir, headerLines)
}

// serveWidgetsInfo answers /sandbox/widgets.json with the WidgetsInfo of what is served.
func (s *Server) serveWidgetsInfo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(s.widgets)
}

// serveRealWidgetsFile answers /widgets/{name} from the real build's folder.
func (s *Server) serveRealWidgetsFile(w http.ResponseWriter, r *http.Request, name string) {
	if !fs.ValidPath(name) || name == "." {
		http.NotFound(w, r)
		return
	}
	root, err := os.OpenRoot(s.widgetsDir)
	if err != nil {
		http.Error(w, "cannot open the Widgets folder: "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer root.Close()
	file, info, err := openRegularFile(root, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer file.Close()
	w.Header().Set("Content-Type", contentTypeFor(name))
	http.ServeContent(w, r, name, info.ModTime(), file)
}
