"""The Neo4j settings that open the project's guide in Neo4j Browser once it connects.

``browser.post_connect_cmd`` runs ``:play URL`` for the guide the API serves
(``GET /browser/guide``, ``graph_api/routes/browser_guide.py``), and
``browser.remote_content_hostname_whitelist`` (the name Neo4j 5.26 and Browser 5 still
use) lets Browser fetch it from the API's host. The project-managed server writes them into
its neo4j.conf; docker-compose.yml sets the same as NEO4J_* variables.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from graph_api.settings import ApiSettings

GUIDE_PATH = "/browser/guide"
WILDCARD_HOSTS = ("0.0.0.0", "::", "")  # noqa: S104 (compared with, never bound)


def guide_url(api: ApiSettings) -> str:
    """Where a browser on this machine reaches the API's guide."""
    host = "127.0.0.1" if api.host in WILDCARD_HOSTS else api.host
    return f"http://{host}:{api.port}{GUIDE_PATH}"


def browser_guide_settings(url: str) -> dict[str, str]:
    host = urlsplit(url).hostname or "localhost"
    allowed = dict.fromkeys(["guides.neo4j.com", "localhost", "127.0.0.1", host])
    return {
        "browser.post_connect_cmd": f"play {url}",
        "browser.remote_content_hostname_whitelist": ",".join(allowed),
    }
