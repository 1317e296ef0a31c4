"""Prefect flows: ``ingest`` (nightly, backfill, demo) and ``reparse``."""
