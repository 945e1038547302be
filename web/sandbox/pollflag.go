package sandbox

// PollPendingKey is the localStorage key Genesys Widgets' v3 transport shares between the tabs
// of a site while one of them has a poll in flight (facts 6). A tab that finds it set gives up
// polling; the stand-in keeps it where the real 9.0.018.07 transport does.
const PollPendingKey = "_genesys.widgets.chatPollPending"
