"""The learned model: CRF per label, its features, its files, when to trust it."""
