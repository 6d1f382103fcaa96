"""One module per command; each exposes `run(...)` which the CLI calls."""
