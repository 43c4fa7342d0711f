"""Everything Textual lives under tui.app; the core never imports it."""
