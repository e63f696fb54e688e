"""``python -m graph_api`` is the ``puckpath`` command."""

from graph_api.cli import app

app(prog_name="puckpath")
