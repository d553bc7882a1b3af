"""The store: SQLAlchemy 2.0 models, sessions, the inbound store and the registry."""
