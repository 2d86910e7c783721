"""The control catalog: controls, provider responsibility maps, checks' metadata and RACI."""
