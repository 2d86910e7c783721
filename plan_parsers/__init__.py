"""Parsers that turn infrastructure code (plans, previews, source) into one Inventory."""
