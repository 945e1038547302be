//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"
	"strconv"
)

// screenReaderTranscript finds WebChat's screen-reader transcript: a visually hidden aria-live
// region into which WebChat copies each message it shows (facts sheet, section 9).
const screenReaderTranscript = ".cx-screen-reader-transcript"

// NoticeShown reports whether el is attached to the document inside a transcript matching
// selector. A resolved WebChat.injectMessage proves nothing by itself: in its history mode
// WebChat returns an element it never attaches.
func NoticeShown(selector string, el Element) bool {
	if !el.Valid() {
		return false
	}
	connected, err := read(el.v, "isConnected")
	if err != nil || !truthy(connected) {
		return false
	}
	transcript, err := invokeMethod(el.v, "closest", selector)
	return err == nil && isObject(transcript)
}

// AttachNotice appends el, the notice WebChat built but did not attach, to the first transcript
// matching selector, marks it as chatclose's, and lets screen readers hear text.
func AttachNotice(selector string, el Element, text string) error {
	if !el.Valid() {
		return errors.New("WebChat returned no element to attach")
	}
	transcript, err := firstMatch(selector)
	if err != nil {
		return err
	}
	if classes, ok := readObject(el.v, "classList"); ok {
		_, _ = invokeMethod(classes, "add", NoticeClass)
	}
	if _, err := invokeMethod(transcript, "appendChild", el.v); err != nil {
		return err
	}
	_, _ = invokeMethod(el.v, "scrollIntoView", map[string]any{"block": "end"})
	announce(el.v, text)
	return nil
}

// firstMatch returns the first element matching selector.
func firstMatch(selector string) (safejs.Value, error) {
	els, err := query(selector)
	if err != nil {
		return safejs.Undefined(), err
	}
	if len(els) == 0 {
		return safejs.Undefined(), errors.New("no transcript matches " + strconv.Quote(selector))
	}
	return els[0], nil
}

// Announce copies text into WebChat's screen-reader transcript, the polite live region WebChat
// copies its messages into, so screen readers say it once; it reports whether there was one.
// Read-only mode announces its lock with it.
func Announce(text string) bool {
	live, err := firstMatch(screenReaderTranscript)
	if err != nil {
		return false
	}
	copy, err := newElement("div", "cx-message "+StatusClass, text)
	if err != nil {
		return false
	}
	_, err = invokeMethod(live, "appendChild", copy)
	return err == nil
}

// announce lets screen readers hear a notice chatclose placed itself: a copy of text goes into
// WebChat's screen-reader transcript, as WebChat does for the messages it shows. A page without
// one gets the notice element itself marked as a polite status.
func announce(notice safejs.Value, text string) {
	if live, err := firstMatch(screenReaderTranscript); err == nil {
		if copy, err := newElement("div", "cx-message "+NoticeClass, text); err == nil {
			if _, err := invokeMethod(live, "appendChild", copy); err == nil {
				return
			}
		}
	}
	_, _ = invokeMethod(notice, "setAttribute", "role", "status")
}
