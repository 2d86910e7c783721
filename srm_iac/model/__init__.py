"""The data srm-iac passes between its parts: enums, the inventory, findings and reports."""
