"""Adjudication and agreement: comparing annotators, settling a gold version."""
