"""Database → answers: the connection, the shared filter, the queries and what is built from them. See analytics/__init__.py."""
