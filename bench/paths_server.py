"""The path benchmarks' API server: uvicorn as ``puckpath serve`` runs it.

The same :func:`graph_api.cli.run_api` call, with the same log configuration (the access
log on, every line with its request id) and the workers' metrics in a multiprocess folder
(``PROMETHEUS_MULTIPROC_DIR``); without providing Neo4j or Redis, loading the graph or the
supervisor. Settings come from the environment (``API_PORT``, ``NEO4J_URI``, ...), which
:func:`bench.paths_http.api_server` sets.

    python -m bench.paths_server
"""

from __future__ import annotations

from graph_api.cli import metrics_dir, run_api
from graph_api.observability.logs import configure_logging
from graph_api.observability.metrics import use_multiprocess_dir
from graph_api.settings import get_settings


def main() -> None:
    settings = get_settings()
    log_config = configure_logging(settings.log)
    use_multiprocess_dir(metrics_dir(settings))
    run_api(settings, log_config)


if __name__ == "__main__":
    main()
