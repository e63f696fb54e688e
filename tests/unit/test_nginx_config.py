"""The nginx configuration of deploy/nginx, as graph_api/runtime/nginx_local.py renders it
(the scale-out test runs it for real)."""

from __future__ import annotations

import re

import pytest

from graph_api.runtime.nginx_local import TEMPLATE, render_config

UPSTREAMS = ["127.0.0.1:18001", "10.0.0.7:8000"]


def test_every_field_is_filled() -> None:
    config = render_config("127.0.0.1:8080", UPSTREAMS)
    assert "@{" not in config
    assert "listen 127.0.0.1:8080;" in config
    servers = re.findall(r"^\s*server (\S+) ", config, flags=re.MULTILINE)
    assert servers == UPSTREAMS


def test_websockets_are_upgraded_and_the_host_is_kept() -> None:
    config = render_config("127.0.0.1:8080", UPSTREAMS)
    assert "proxy_http_version 1.1;" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    assert "proxy_set_header Connection $connection_upgrade;" in config
    assert "proxy_set_header Host $http_host;" in config  # the Origin check compares it


def test_every_path_stays_inside_the_prefix() -> None:
    text = TEMPLATE.read_text()
    paths = re.findall(r"^\s*(?:pid|error_log|access_log|\w+_temp_path)\s+(\S+)", text, re.M)
    assert paths
    assert all(not path.startswith("/") for path in paths), paths


def test_no_upstream_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one upstream"):
        render_config("127.0.0.1:8080", [])
