//go:build js && wasm

package bus

import (
	"errors"
	"github.com/hack-pad/safejs"
	"strconv"
	"sync"

	"github.com/chatclose/chatclose/handler"
)

// Errors of ReadBatch.
var (
	// ErrNoMessages is returned by ReadBatch when the event has no originalMessages array.
	ErrNoMessages = errors.New("event.data.originalMessages is not an array")
	errNoData     = errors.New("event.data is not an object")
)

// keys are the property names payloads are read by, made into JavaScript strings once:
// passing a Go string would copy it into a new JavaScript string on every read. Each is held
// as pass gives it, so passing it allocates nothing (see safejs.go, defect 4).
var keys = struct {
	data, originalMessages, oldMessages, restoring, length any
	typ, from, event, interactionState, index, id, utcTime any
}{
	data: key("data"), originalMessages: key("originalMessages"),
	oldMessages: key("oldMessages"), restoring: key("restoring"), length: key("length"),
	typ: key("type"), from: key("from"), event: key("event"),
	interactionState: key("interactionState"), index: key("index"), id: key("id"),
	utcTime: key("utcTime"),
}

// key makes the property name s into a JavaScript string, once, ready to pass.
func key(s string) any {
	v, _ := safejs.ValueOf(s) // never fails for a string
	return pass(v)
}

// ReadBatch reads a WebChatService.messageReceived event ({…, data: {originalMessages,
// oldMessages, restoring}}) without walking its messages: they are read one by one, on
// demand, by the decision, which stops at the message that decides (each read crosses into
// JavaScript several times, about 3 µs each).
//
// Reading allocates once for the batch, once for every JavaScript object or string that
// comes into Go (syscall/js gives each a finalizer), and five times for every call through
// safejs (TestPerEventPathAllocations counts them); see readMessage.
func ReadBatch(event safejs.Value) (handler.Batch, error) {
	data, ok := readObject(event, keys.data)
	if !ok {
		return handler.Batch{}, errNoData
	}
	return readBatchData(data)
}

// ReadBatchData is ReadBatch for the event's data object itself, or for anything shaped like
// it, such as WebChatService.getTranscript's result.
func ReadBatchData(data safejs.Value) (handler.Batch, error) {
	return readBatchData(data)
}

func readBatchData(data safejs.Value) (handler.Batch, error) {
	list, err := read(data, keys.originalMessages)
	if err != nil || !isArray(list) {
		return handler.Batch{}, ErrNoMessages
	}
	n, err := lengthOf(list, keys.length)
	if err != nil {
		return handler.Batch{}, err
	}
	old, err := read(data, keys.oldMessages)
	return handler.Batch{
		Messages: &jsMessages{list: list, n: n},
		// A flag that cannot be read counts as a history page: never act on what may be one.
		Old:       err != nil || isTrue(old),
		Restoring: readTrue(data, keys.restoring),
	}, nil
}

// jsMessages reads messages from a JavaScript array lazily. It is a handler.BriefMessages:
// the decision reads it through AtBrief.
type jsMessages struct {
	list safejs.Value
	n    int
}

// Len returns the array's length as it was when the batch was read.
func (m *jsMessages) Len() int { return m.n }

// At reads message i. Fields of the wrong type are left empty; a message that is not an
// object, or cannot be read, is reported as unreadable.
func (m *jsMessages) At(i int) (handler.Message, bool) { return m.read(i, false) }

// AtBrief reads message i without the fields handler.BriefMessages allows to leave out.
func (m *jsMessages) AtBrief(i int) (handler.Message, bool) { return m.read(i, true) }

// IndexAt reads only message i's index.
func (m *jsMessages) IndexAt(i int) (handler.Index, bool) {
	v, ok := readObject(m.list, i)
	if !ok {
		return handler.Index{}, false
	}
	return readIndex(v), true
}

func (m *jsMessages) read(i int, brief bool) (handler.Message, bool) {
	v, ok := readObject(m.list, i)
	if !ok {
		return handler.Message{}, false
	}
	return readMessage(v, brief), true
}

// readMessage reads the fields the decision uses from one message object. State-change
// fields are read only for System messages, the only ones they matter for; a brief read
// leaves out from.type for known types, and id and utcTime when the index is valid.
//
// Each object or string read is a reference syscall/js allocates; the strings compared with
// known values (type, from.type, event, state) are recognised without being copied (see
// words), and an index string is parsed in JavaScript (see indexFromString). A brief read of
// a Text message thus brings in three references (the message, its type and its index) in
// five calls through safejs (the message, type, index, decimal.test and Number).
func readMessage(v safejs.Value, brief bool) handler.Message {
	msg := handler.Message{Type: readWord(v, keys.typ)}
	if !brief || handler.NeedsFromType(msg.Type) {
		if from, ok := readObject(v, keys.from); ok {
			msg.FromType = readWord(from, keys.typ)
		}
	}
	if msg.Type == "System" {
		msg.Event = readWord(v, keys.event)
		if data, ok := readObject(v, keys.data); ok {
			msg.State = readWord(data, keys.interactionState)
		}
	}
	msg.Index = readIndex(v)
	if !brief || !msg.Index.Valid() {
		msg.ID = readID(v)
		msg.UTCTime = readText(v, keys.utcTime)
	}
	return msg
}

// readWord reads v[key] when it is a string that is one of few values (a message type, an
// event or state name); anything else gives "".
func readWord(v safejs.Value, key any) string {
	s, err := read(v, key)
	if err != nil || s.Type() != safejs.TypeString {
		return ""
	}
	return payloadWords.text(s)
}

// readText reads v[key] when it is a string; anything else gives "".
func readText(v safejs.Value, key any) string { return readString(v, key) }

// readIndex reads index as a string or a number.
func readIndex(v safejs.Value) handler.Index {
	idx, err := read(v, keys.index)
	if err != nil {
		return handler.Index{}
	}
	if idx.Type() == safejs.TypeString {
		return indexFromString(idx)
	}
	if f, ok := numberOf(idx); ok {
		return handler.IndexFromNumber(f)
	}
	return handler.Index{}
}

// readID reads id as a string, or a whole number written as one.
func readID(v safejs.Value) string {
	id, err := read(v, keys.id)
	if err != nil {
		return ""
	}
	if f, ok := numberOf(id); ok {
		if i := handler.IndexFromNumber(f); i.Valid() {
			return strconv.FormatInt(i.Value(), 10)
		}
		return ""
	}
	return stringOf(id)
}

// words recognises the few strings payload fields hold (message types, from.type values,
// event and state names) without copying them out of JavaScript. wasm_exec.js keeps one
// reference per distinct JavaScript value while Go holds it, equal strings included, so a
// string equal to one words holds comes back as the same reference, which safejs.Value.Equal
// compares in Go alone. A string not recognised is copied, and remembered while there is room
// if it is short. Should a wasm_exec.js ever hand out separate references for equal strings,
// every string would simply be copied, as before: the text is right either way.
type words struct {
	mu   sync.Mutex
	vals []safejs.Value
	strs []string
}

// Bounds of words: a page that sends many distinct or long strings fills it once, and then
// pays a copy per string, as without it.
const (
	maxWords   = 64
	maxWordLen = 64
)

var payloadWords words

// text returns the Go string for the JavaScript string s.
func (w *words) text(s safejs.Value) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, v := range w.vals {
		if s.Equal(v) {
			return w.strs[i]
		}
	}
	str, _ := s.String()
	if len(w.vals) < maxWords && len(str) <= maxWordLen && !w.known(str) {
		w.vals = append(w.vals, s)
		w.strs = append(w.strs, str)
	}
	return str
}

// known reports whether str is remembered already (under another reference).
func (w *words) known(str string) bool {
	for _, s := range w.strs {
		if s == str {
			return true
		}
	}
	return false
}

// indexParser parses index strings in JavaScript, so the common index ("12") costs no copy
// into Go. decimal matches what handler.ParseIndex accepts, limited to 15 digits so that
// Number reads it exactly: white space as Go's unicode.IsSpace defines it, an optional sign
// and digits. Number also trims white space, but JavaScript's idea of it differs from Go's
// (U+FEFF is in, U+0085 is out): decimal leaves U+FEFF out, and U+0085 makes Number give NaN.
var indexParser = func() struct{ decimal, number safejs.Value } {
	const space = `[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*`
	regexp, _ := builtins.global.Get("RegExp") // built-ins of a page that has not started yet
	number, _ := builtins.global.Get("Number")
	decimal, _ := regexp.New("^" + space + "[+-]?[0-9]{1,15}" + space + "$")
	return struct{ decimal, number safejs.Value }{decimal: decimal, number: number}
}()

// indexFromString reads an index sent as a string exactly as handler.ParseIndex would.
// Strings of up to 15 digits go through decimal.test and Number, which copy nothing into
// Go; anything else (malformed, or longer) is copied into Go and parsed there.
func indexFromString(s safejs.Value) handler.Index {
	if ok, err := invokeMethod(indexParser.decimal, "test", pass(s)); err == nil && isTrue(ok) {
		if n, err := invoke(indexParser.number, pass(s)); err == nil {
			if f, ok := numberOf(n); ok {
				if i := handler.IndexFromNumber(f); i.Valid() {
					return i
				}
			}
		}
	}
	return handler.ParseIndex(stringOf(s))
}
