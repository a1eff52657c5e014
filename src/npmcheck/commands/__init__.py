"""What each subcommand does, given plain options: one module per command, each with a
`run(...)` that returns the exit code. No Typer here; the CLI parses, these act."""
