"""The Neo4j 5.26 Community server jars, resolved once from Maven Central.

The server (``org.neo4j:neo4j`` with its runtime-scope dependencies, plus
``org.neo4j.client:neo4j-browser``) is resolved with Maven into
``<cache>/neo4j/<version>-browser-<browser version>/lib`` and reused on every later start.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
from pathlib import Path

from graph_api.runtime.errors import RuntimeUnavailable
from graph_api.runtime.java import find_maven

log = logging.getLogger(__name__)

_JARS_MARKER = ".complete"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>puckpath.local</groupId>
  <artifactId>neo4j-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId><artifactId>neo4j</artifactId>
      <version>{version}</version><scope>runtime</scope>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId>
      <version>{browser_version}</version><scope>runtime</scope>
    </dependency>
  </dependencies>
</project>
"""


def resolve_server_jars(cache_dir: Path, version: str, browser_version: str) -> Path:
    """The folder of server jars, downloading them with Maven only the first time."""
    root = cache_dir / "neo4j" / f"{version}-browser-{browser_version}"
    lib = root / "lib"
    if (root / _JARS_MARKER).exists():
        return lib
    mvn = find_maven()
    root.mkdir(parents=True, exist_ok=True)
    log.info(
        "Resolving Neo4j %s and Neo4j Browser %s with Maven (once)...", version, browser_version
    )
    with tempfile.TemporaryDirectory(dir=root) as work:
        pom = Path(work) / "pom.xml"
        pom.write_text(_POM.format(version=version, browser_version=browser_version))
        staging = Path(work) / "lib"
        result = subprocess.run(
            [
                str(mvn),
                "-B",
                "-q",
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                "-DincludeScope=runtime",
                f"-DoutputDirectory={staging}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeUnavailable(
                f"Maven could not resolve org.neo4j:neo4j:{version}: "
                f"{(result.stdout + result.stderr).strip()[-2000:]}"
            )
        if lib.exists():
            for old in lib.iterdir():
                old.unlink()
            lib.rmdir()
        staging.rename(lib)
    (root / _JARS_MARKER).write_text(f"{version} {browser_version}\n")
    return lib
