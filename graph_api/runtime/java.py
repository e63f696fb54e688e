"""Finding a JDK and Maven on the machine, with a clear message when they are missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from graph_api.runtime.errors import RuntimeUnavailable

SUPPORTED_JAVA = (17, 21)
_JVM_DIRS = (Path("/usr/lib/jvm"), Path("/usr/local/lib/jvm"), Path("/opt/java"))


def java_major_version(java: Path) -> int | None:
    """The major version ``java -version`` reports, or None when it does not run."""
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    match = re.search(r'version "(\d+)', out.stderr + out.stdout)
    return int(match.group(1)) if match else None


def _candidates(java_home: Path | None) -> list[Path]:
    found: list[Path] = []
    if java_home is not None:
        found.append(java_home / "bin" / "java")
    if env_home := os.environ.get("JAVA_HOME"):
        found.append(Path(env_home) / "bin" / "java")
    if on_path := shutil.which("java"):
        found.append(Path(on_path))
    for jvm_dir in _JVM_DIRS:
        if jvm_dir.is_dir():
            found.extend(sorted(jvm_dir.glob("*/bin/java")))
    return found


def find_java(java_home: Path | None = None) -> Path:
    """A ``java`` executable of a version Neo4j 5.26 supports (17 or 21)."""
    seen: list[str] = []
    for java in _candidates(java_home):
        if not java.exists():
            continue
        version = java_major_version(java)
        seen.append(f"{java} ({version})")
        if version in SUPPORTED_JAVA:
            return java
    raise RuntimeUnavailable(
        "Neo4j 5.26 needs OpenJDK 17 or 21, and none was found"
        + (f" (found: {', '.join(seen)})" if seen else "")
        + ". Install one (Debian: apt-get install openjdk-17-jre-headless) or set "
        "LOCALNEO4J_JAVA_HOME, or point NEO4J_URI at a running Neo4j."
    )


def find_maven() -> Path:
    """The ``mvn`` executable used to resolve the Neo4j server from Maven Central."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeUnavailable(
            "Maven (mvn) is needed once to download the Neo4j server and was not found. "
            "Install it (Debian: apt-get install maven), or point NEO4J_URI at a running Neo4j."
        )
    return Path(mvn)
