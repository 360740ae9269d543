"""hearth-cli: the argparse front end (`app.cli.main`) and one module per group of commands."""
