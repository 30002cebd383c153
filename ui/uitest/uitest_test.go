package uitest

import "testing"

func TestKey(t *testing.T) {
	for name, want := range map[string]string{
		"q": "q", "G": "G", "enter": "enter", "pgdown": "pgdown", "ctrl+c": "ctrl+c",
		"alt+2": "alt+2", "shift+tab": "shift+tab", "space": "space", "f5": "f5", "?": "?",
	} {
		if got := Key(name).String(); got != want {
			t.Errorf("Key(%q).String() = %q", name, got)
		}
	}
}
