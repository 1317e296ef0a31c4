"""odihr-warehouse: OSCE/ODIHR election-observation reports as a relational warehouse."""

__version__ = "0.1.0"
