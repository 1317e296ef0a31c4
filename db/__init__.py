"""The warehouse: SQLModel tables, engine set-up, Alembic migrations, BI views and the loader."""
