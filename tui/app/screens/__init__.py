"""The app's screens: annotate (the main one) and review."""
