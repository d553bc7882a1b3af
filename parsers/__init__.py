"""Turning raw e-mail bytes into what the registry needs.

Two stages live here: ``parsers.mime`` (MIME, charsets, HTML, attachments, the sender's own
words) and ``parsers.extraction`` (the spaCy pipeline that reads municipality, people, roles,
sectors, language and kind). Both are pure: bytes in, typed values out, no database.
"""
