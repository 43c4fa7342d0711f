"""Imported only by a Dask worker that ``tui.batch.started`` warmed (tests/test_batch.py)."""
