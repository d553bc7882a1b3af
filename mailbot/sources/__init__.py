"""Where inbound mail comes from: an IMAP server or a local Maildir / folder of .eml files."""
