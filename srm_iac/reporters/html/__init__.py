"""The HTML report: a self-contained page with the heat map, findings, trend and RACI matrix."""
