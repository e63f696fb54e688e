"""docker-compose.yml, the Dockerfile and .dockerignore agree with what the application reads.

No Docker engine runs here, so the file is validated by Debian's ``docker-compose config``
(which interpolates and checks it without an engine), and its services, ports, health checks
and environment are compared with ``graph_api.settings.Settings``.

``docker-compose`` 1.29 and Compose v2 (``docker compose config``) print the file in different
shapes: ports and volumes as short strings (``127.0.0.1:8000:8000/tcp``, ``src:/data:ro``) or
as long-syntax mappings (``host_ip``/``published``/``target``, ``source``/``target``/
``read_only``), numbers as numbers or strings. The tests read them through :func:`port_spec`
and :func:`volume_spec`, which accept both.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic import BaseModel

from graph_api.runtime.browser_guide import GUIDE_PATH, browser_guide_settings
from graph_api.runtime.neo4j_local import SERVER_TUNING
from graph_api.runtime.providers import NEO4J_IMAGE, REDIS_IMAGE
from graph_api.settings import Neo4jSettings, Settings
from loader.bootstrap import current_season

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
APP_SERVICES = ("api", "loader")
# Variables of the host shell that change the interpolated file; cleared to test the defaults.
COMPOSE_VARIABLES = ("NEO4J_PASSWORD", "API_WORKERS", "DATA_DIR", "API_PUBLISH_ADDRESS")


def port_spec(port: str | dict[str, Any]) -> tuple[str, str, int]:
    """(host address, published port, container port) of a port in either format."""
    if isinstance(port, dict):
        return str(port.get("host_ip") or ""), str(port.get("published") or ""), int(port["target"])
    parts = port.split("/")[0].split(":")
    host = ":".join(parts[:-2]) if len(parts) > 2 else ""
    published = parts[-2] if len(parts) > 1 else ""
    return host, published, int(parts[-1])


def volume_spec(volume: str | dict[str, Any]) -> tuple[str, str, bool]:
    """(source, target, read-only) of a volume in either format."""
    if isinstance(volume, dict):
        return str(volume.get("source", "")), str(volume["target"]), bool(volume.get("read_only"))
    source, target, *mode = volume.split(":")
    return source, target, mode == ["ro"]


def settings_env_names() -> set[str]:
    """Every environment variable Settings reads: SECTION_FIELD for nested, FIELD for top level."""
    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names.update(f"{name}_{sub}".upper() for sub in annotation.model_fields)
        else:
            names.add(name.upper())
    return names


def compose_config(**variables: str) -> dict[str, Any]:
    """The file as docker-compose resolves it (interpolated, normalised)."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail(
            "docker-compose is not installed: run `PUCKPATH_BROWSER_TESTS=1 scripts/setup.sh` "
            "(it installs Debian's docker-compose, which validates without an engine)"
        )
    env = {k: v for k, v in os.environ.items() if k not in COMPOSE_VARIABLES}
    env.update(variables)
    result = subprocess.run(
        [binary, "--project-directory", str(REPO), "-f", str(COMPOSE_FILE), "config"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"docker-compose config rejected the file:\n{result.stderr}"
    config: dict[str, Any] = yaml.safe_load(result.stdout)
    return config


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return compose_config()


def test_services_and_images(config: dict[str, Any]) -> None:
    services = config["services"]
    assert set(services) == {"neo4j", "redis", "loader", "api"}
    assert services["neo4j"]["image"] == NEO4J_IMAGE == "neo4j:5.26-community"
    assert services["redis"]["image"] == REDIS_IMAGE
    assert services["loader"]["restart"] == "no", "the loader is one-shot"


def test_the_image_is_built_once(config: dict[str, Any]) -> None:
    """Only api builds; the loader runs the same image and never pulls it (two services
    building one tag make Compose's bake builder fail on a first build)."""
    api, loader = config["services"]["api"], config["services"]["loader"]
    assert api["build"]["context"] == str(REPO)
    assert "build" not in loader
    assert loader["image"] == api["image"] == "puckpath:local"
    assert loader["pull_policy"] == "never"
    for name in APP_SERVICES:
        assert config["services"][name]["init"] is True, f"{name}: PID 1 must pass on SIGTERM"


def test_app_environment_names_are_settings(config: dict[str, Any]) -> None:
    known = settings_env_names()
    assert {"NEO4J_URI", "REDIS_URL", "API_WORKERS", "LOADER_BATCH_SIZE"} <= known
    for name in APP_SERVICES:
        env = config["services"][name]["environment"]
        unknown = sorted(set(env) - known)
        assert not unknown, f"{name} sets variables no setting reads: {unknown}"
        assert {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "REDIS_URL"} <= set(env)


def test_app_environment_parses_into_settings(
    config: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The api's environment, read by Settings the way a worker reads it."""
    for name in settings_env_names():
        monkeypatch.delenv(name, raising=False)
    for key, value in config["services"]["api"]["environment"].items():
        monkeypatch.setenv(key, str(value))
    monkeypatch.chdir(REPO / "tests")  # no .env file here
    settings = Settings()
    neo4j_uri = urlsplit(settings.neo4j.uri or "")
    assert neo4j_uri.scheme == "bolt"
    assert neo4j_uri.hostname in config["services"]
    assert (neo4j_uri.hostname, neo4j_uri.port) == ("neo4j", 7687)
    redis_url = urlsplit(settings.redis.url or "")
    assert (redis_url.scheme, redis_url.hostname, redis_url.port) == ("redis", "redis", 6379)
    assert settings.api.host == "0.0.0.0"  # noqa: S104 - inside the container, on purpose
    assert settings.api.workers > 1, "the stack runs several uvicorn workers"
    published = [port_spec(p) for p in config["services"]["api"]["ports"]]
    assert [target for _, _, target in published] == [settings.api.port]
    # The default password is the application's default, and Neo4j is created with it.
    default_password = Neo4jSettings().password.get_secret_value()
    assert settings.neo4j.password.get_secret_value() == default_password
    auth = config["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth == f"{settings.neo4j.user}/{settings.neo4j.password.get_secret_value()}"


def test_password_and_workers_follow_the_shell() -> None:
    config = compose_config(NEO4J_PASSWORD="another-secret-pw", API_WORKERS="6")
    services = config["services"]
    assert services["neo4j"]["environment"]["NEO4J_AUTH"] == "neo4j/another-secret-pw"
    for name in APP_SERVICES:
        assert services[name]["environment"]["NEO4J_PASSWORD"] == "another-secret-pw"
    assert str(services["api"]["environment"]["API_WORKERS"]) == "6"


def test_data_dir_is_mounted_read_only(tmp_path: Path) -> None:
    volumes = compose_config(DATA_DIR=str(tmp_path))["services"]["loader"]["volumes"]
    assert (str(tmp_path), "/data", True) in [volume_spec(v) for v in volumes]


def test_the_api_is_published_on_loopback_unless_opened() -> None:
    default = compose_config()["services"]["api"]["ports"]
    assert [port_spec(p)[:2] for p in default] == [("127.0.0.1", "8000")]
    opened = compose_config(API_PUBLISH_ADDRESS="0.0.0.0")["services"]["api"]["ports"]  # noqa: S104
    assert [port_spec(p)[:2] for p in opened] == [("0.0.0.0", "8000")]  # noqa: S104


def test_neo4j_runs_with_the_local_servers_tuning(config: dict[str, Any]) -> None:
    """Each SERVER_TUNING setting as the image's NEO4J_* variable (dots -> _, _ -> __)."""
    env = config["services"]["neo4j"]["environment"]
    for name, value in SERVER_TUNING.items():
        variable = "NEO4J_" + name.replace("_", "__").replace(".", "_")
        assert str(env.get(variable)) == value, variable


def test_redis_persists_with_an_fsync_before_every_answer(config: dict[str, Any]) -> None:
    redis = config["services"]["redis"]
    command = " ".join(redis["command"])
    assert "--appendonly yes" in command
    assert "--appendfsync always" in command
    assert ("redis-data", "/data") in [volume_spec(v)[:2] for v in redis["volumes"]]


def test_ports_and_health_checks(config: dict[str, Any]) -> None:
    services = config["services"]
    neo4j_ports = {port_spec(p) for p in services["neo4j"]["ports"]}
    # Browser over HTTP, Bolt for the app and Browser; this machine only.
    assert neo4j_ports == {("127.0.0.1", "7474", 7474), ("127.0.0.1", "7687", 7687)}
    for name in ("neo4j", "redis", "api"):
        check = services[name]["healthcheck"]
        assert check["test"][0] in {"CMD", "CMD-SHELL"}, name
        assert check["retries"] >= 3
    assert "cypher-shell" in " ".join(services["neo4j"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    assert "/ready" in " ".join(services["api"]["healthcheck"]["test"])
    neo4j_volumes = [volume_spec(v) for v in services["neo4j"]["volumes"]]
    assert ("neo4j-data", "/data", False) in neo4j_volumes, "Neo4j volume"


def test_start_order(config: dict[str, Any]) -> None:
    services = config["services"]
    assert services["loader"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    api = services["api"]["depends_on"]
    assert api["neo4j"]["condition"] == "service_healthy"
    assert api["redis"]["condition"] == "service_healthy"
    assert api["loader"]["condition"] == "service_completed_successfully"


def test_commands_exist(config: dict[str, Any]) -> None:
    scripts = _pyproject()["project"]["scripts"]
    api_command = config["services"]["api"]["command"]
    assert api_command[:2] == ["puckpath", "serve"]
    assert "puckpath" in scripts
    assert "loader" in scripts


def test_loader_command_picks_files_the_snapshot_or_the_current_season(
    config: dict[str, Any], tmp_path: Path
) -> None:
    """Run the loader service's shell command with a stand-in ``loader`` that prints its args."""
    shell, flag, script = config["services"]["loader"]["command"]
    assert (shell, flag) == ("sh", "-c")
    script = script.replace("$$", "$")  # `docker-compose config` escapes $ again
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "loader").write_text('#!/bin/sh\necho "$@"\n')
    (bin_dir / "loader").chmod(0o755)
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}

    def run(data_dir: Path) -> str:
        command = script.replace("/data", str(data_dir))
        done = subprocess.run(
            ["sh", "-c", command], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert run(tmp_path / "nothing-mounted") == f"fetch --season {current_season()}"
    (tmp_path / "repo-data" / "snapshot").mkdir(parents=True)
    (tmp_path / "repo-data" / "snapshot" / "manifest.json").write_text("{}")
    assert run(tmp_path / "repo-data").splitlines() == [
        f"import --if-changed {tmp_path / 'repo-data' / 'snapshot'}",
        f"fetch --season {current_season()}",
    ]
    (tmp_path / "data" / "hockey-databank").mkdir(parents=True)
    assert run(tmp_path / "data") == f"import --if-changed {tmp_path / 'data'}"


def test_dockerfile_copies_what_the_app_needs() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    lines = [line.strip() for line in dockerfile.splitlines()]
    assert any(line.startswith("FROM python:3.11") for line in lines)
    copied = [part for line in lines if line.startswith("COPY ") for part in line.split()[1:-1]]
    for needed in ("pyproject.toml", "uv.lock", "README.md", "cypher", "graph_api", "loader"):
        assert needed in copied, f"the image lacks {needed}"
        assert (REPO / needed).exists()
        assert not _docker_ignored(needed), f".dockerignore drops {needed}"
    assert "uv sync --frozen --no-dev" in dockerfile
    assert "UV_NO_CACHE=1" in dockerfile, "no uv download cache in the image"
    assert "chmod -R a+rX /app/cypher /app/graph_api /app/loader" in dockerfile
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    uv_version = re.search(r"^UV_VERSION=(\S+)$", setup, flags=re.MULTILINE)
    assert uv_version is not None
    assert f"uv=={uv_version.group(1)}" in dockerfile, "the image uses the same uv as setup.sh"
    assert f"EXPOSE {Settings().api.port}" in dockerfile
    assert 'CMD ["puckpath", "serve", "--no-load"]' in dockerfile


def _docker_ignored(path: str) -> bool:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return any(fnmatch.fnmatch(path, pattern) for pattern in patterns)


def _pyproject() -> dict[str, Any]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_both_output_formats_read_the_same() -> None:
    """The shapes `docker-compose` 1.29 and Compose v2 print for the same entries."""
    v1_port, v2_port = (
        "127.0.0.1:8000:8000/tcp",
        {
            "mode": "ingress",
            "host_ip": "127.0.0.1",
            "target": 8000,
            "published": "8000",
            "protocol": "tcp",
        },
    )
    assert port_spec(v1_port) == port_spec(v2_port) == ("127.0.0.1", "8000", 8000)
    assert port_spec("8000:8000") == port_spec({"target": 8000, "published": 8000})
    v1_volume, v2_volume = (
        "/srv/data:/data:ro",
        {
            "type": "bind",
            "source": "/srv/data",
            "target": "/data",
            "read_only": True,
            "bind": {"create_host_path": True},
        },
    )
    assert volume_spec(v1_volume) == volume_spec(v2_volume) == ("/srv/data", "/data", True)
    named = {"type": "volume", "source": "neo4j-data", "target": "/data", "volume": {}}
    assert volume_spec("neo4j-data:/data:rw") == volume_spec(named)


def test_neo4j_browser_plays_the_apis_guide(config: dict[str, Any]) -> None:
    """The settings the project-managed server writes (browser_guide_settings), for the API
    as the host's browser reaches it (published on port 8000, see test_ports_and_health_checks)."""
    environment = config["services"]["neo4j"]["environment"]
    url = f"http://localhost:8000{GUIDE_PATH}"
    for name, value in browser_guide_settings(url).items():
        assert environment["NEO4J_" + name.replace("_", "__").replace(".", "_")] == value
