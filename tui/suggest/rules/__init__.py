"""Rule families: pure functions text -> spans (figures, actors, claims)."""
