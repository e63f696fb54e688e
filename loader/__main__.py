"""``python -m loader``: the loader CLI."""

from loader.cli import app

app(prog_name="loader")
