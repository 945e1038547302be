//go:build !js

package e2e

import "testing"

// standInPrefix starts the message of every skip for a test that needs the stand-in; the
// compatibility table (scripts/test-widgets.sh) reads the reason after it.
const standInPrefix = "stand-in only: "

// standInOnly skips t, with why, when the tests run against a real Genesys Widgets build:
// t needs something only the stand-in has (fault hooks, stand-in options).
func standInOnly(t *testing.T, why string) {
	t.Helper()
	if !widgets.StandIn {
		t.Skip(standInPrefix + why)
	}
}

// onRealBuild reports whether the tests run against a real Genesys Widgets build.
func onRealBuild() bool { return !widgets.StandIn }
