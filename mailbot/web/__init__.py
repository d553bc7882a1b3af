"""The organiser's desk: a small signed-in web application over the same database."""
