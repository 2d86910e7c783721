"""Checks: each reads the inventory and yields findings for one control on one target."""
