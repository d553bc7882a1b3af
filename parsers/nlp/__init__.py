"""The understanding stage's building blocks: each module does one job on plain strings.

``parsers.extraction`` composes them (partly as spaCy components, see ``components``) into
``Extraction`` values. Nothing here touches a database, the network or a logger.
"""
