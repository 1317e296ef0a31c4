"""Thin Prefect tasks around the pure core (``odihr``) and the warehouse (``db``)."""
