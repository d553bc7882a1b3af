"""mailbot: reads a registration inbox, keeps the registry, answers every sender."""

__version__ = "0.1.0"
