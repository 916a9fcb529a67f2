"""The command line: declarations, the fast reader, the Typer app, settings, configuration."""
