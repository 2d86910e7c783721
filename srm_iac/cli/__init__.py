"""The ``srm-iac`` command line: one module per subcommand."""
