"""Output formats. Each renders a Report to a string; only the CLI writes files."""
