//go:build js && wasm

package bus

import (
	"errors"
	"strconv"

	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// ErrNoMessages is returned by ReadBatch when the event has no originalMessages array.
var ErrNoMessages = errors.New("event.data.originalMessages is not an array")

// ReadBatch reads a WebChatService.messageReceived event ({…, data: {originalMessages,
// oldMessages, restoring}}) without walking its messages: they are read one by one, on
// demand, by the decision, which stops at the message that decides (each read crosses into
// JavaScript several times, about 3 µs each).
func ReadBatch(event safejs.Value) (handler.Batch, error) {
	data, ok := getObject(event, "data")
	if !ok {
		return handler.Batch{}, errors.New("event.data is not an object")
	}
	return ReadBatchData(data)
}

// ReadBatchData is ReadBatch for the event's data object itself, or for anything shaped like
// it, such as WebChatService.getTranscript's result.
func ReadBatchData(data safejs.Value) (handler.Batch, error) {
	list, err := get(data, "originalMessages")
	if err != nil || !isArray(list) {
		return handler.Batch{}, ErrNoMessages
	}
	n, err := arrayLength(list)
	if err != nil {
		return handler.Batch{}, err
	}
	return handler.Batch{
		Messages:  &jsMessages{list: list, n: n},
		Old:       isTrue(data, "oldMessages"),
		Restoring: isTrue(data, "restoring"),
	}, nil
}

// jsMessages reads messages from a JavaScript array lazily.
type jsMessages struct {
	list safejs.Value
	n    int
}

// Len returns the array's length as it was when the batch was read.
func (m *jsMessages) Len() int { return m.n }

// At reads message i. Fields of the wrong type are left empty; a message that is not an
// object, or cannot be read, is reported as unreadable.
func (m *jsMessages) At(i int) (handler.Message, bool) {
	v, err := get(m.list, i)
	if err != nil || !isObject(v) {
		return handler.Message{}, false
	}
	return readMessage(v), true
}

// readMessage reads the fields the decision uses from one message object. State-change
// fields are read only for System messages, the only ones they matter for.
func readMessage(v safejs.Value) handler.Message {
	msg := handler.Message{Type: getString(v, "type")}
	if from, ok := getObject(v, "from"); ok {
		msg.FromType = getString(from, "type")
	}
	if msg.Type == "System" {
		msg.Event = getString(v, "event")
		if data, ok := getObject(v, "data"); ok {
			msg.State = getString(data, "interactionState")
		}
	}
	msg.Index = readIndex(v)
	msg.ID = readID(v)
	msg.UTCTime = getString(v, "utcTime")
	return msg
}

// readIndex reads index as a string or a number.
func readIndex(v safejs.Value) handler.Index {
	idx, err := get(v, "index")
	if err != nil {
		return handler.Index{}
	}
	switch idx.Type() {
	case safejs.TypeString:
		s, _ := idx.String()
		return handler.ParseIndex(s)
	case safejs.TypeNumber:
		f, _ := idx.Float()
		return handler.IndexFromNumber(f)
	default:
		return handler.Index{}
	}
}

// readID reads id as a string, or a whole number written as one.
func readID(v safejs.Value) string {
	id, err := get(v, "id")
	if err != nil {
		return ""
	}
	switch id.Type() {
	case safejs.TypeString:
		s, _ := id.String()
		return s
	case safejs.TypeNumber:
		if i := handler.IndexFromNumber(mustFloat(id)); i.Valid() {
			return strconv.FormatInt(i.Value(), 10)
		}
	}
	return ""
}

func mustFloat(v safejs.Value) float64 {
	f, _ := v.Float()
	return f
}
