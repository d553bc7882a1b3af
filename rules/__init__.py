"""The checks a registration must pass, one small rule per module.

Rules are pure: they read a ``Group`` (the current state of one registration) and the
``EventPolicy`` and return findings. They know nothing about mail or the database.
"""
