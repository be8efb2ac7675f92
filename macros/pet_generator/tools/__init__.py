"""Command-line entry points behind scripts/. May import any layer."""
