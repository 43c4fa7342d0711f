"""Modal dialogs; each returns its value with ``dismiss``."""
