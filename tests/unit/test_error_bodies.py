"""What the framework turns away answers like the app's own errors, and the OpenAPI
document promises what the server enforces. No server needed: none of these requests
reaches a route, so the app runs without its lifespan."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph_api.app import create_app
from graph_api.settings import PathsSettings, Settings
from tests.conftest import base_settings


async def send(method: str, path: str, **kwargs: Any) -> httpx.Response:
    app = create_app(base_settings())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.request(method, path, **kwargs)


JSON = {"content-type": "application/json"}
NOT_UTF8 = {"content": b'{"name": "\xff\xfe"}', "headers": JSON}
TOO_DEEP = {"content": b"[" * 2000 + b"]" * 2000, "headers": JSON}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("GET", "/no/such/route", {}, 404, "not_found"),
        ("DELETE", "/players/gretzwa01", {}, 405, "method_not_allowed"),
        ("PUT", "/paths/shortest", {}, 405, "method_not_allowed"),
        ("POST", "/battles", NOT_UTF8, 400, "bad_request"),
        ("POST", "/battles", TOO_DEEP, 400, "bad_request"),
        ("POST", "/battles", {"content": b"{", "headers": JSON}, 422, "invalid_input"),
    ],
)  # fmt: skip
async def test_turned_away_requests_get_the_error_body(
    method: str, path: str, kwargs: dict[str, Any], status: int, code: str
) -> None:
    response = await send(method, path, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error", "detail"}
    assert body["error"] == code
    if status == 405:
        assert "GET" in response.headers["allow"]


def operation(schema: dict[str, Any], path: str, method: str = "get") -> dict[str, Any]:
    found: dict[str, Any] = schema["paths"][path][method]
    return found


def maximum(schema: dict[str, Any], path: str, name: str) -> int:
    for parameter in operation(schema, path)["parameters"]:
        if parameter["name"] == name:
            options = parameter["schema"].get("anyOf", [parameter["schema"]])
            return int(next(o for o in options if o.get("type") == "integer")["maximum"])
    raise AssertionError(f"{path} has no parameter {name}")


@pytest.mark.parametrize(
    "paths", [PathsSettings(), PathsSettings(max_hops=6, max_paths=20, max_k=4)]
)
def test_openapi_limits_are_the_enforced_ones(paths: PathsSettings) -> None:
    settings: Settings = base_settings(paths=paths)
    schema = create_app(settings).openapi()
    for path in ("/paths/shortest", "/paths/all", "/paths/k"):
        assert maximum(schema, path, "max_hops") == paths.max_hops
    assert maximum(schema, "/paths/all", "limit") == paths.max_paths
    assert maximum(schema, "/paths/k", "k") == paths.max_k


def test_openapi_documents_400_wherever_a_body_is_read() -> None:
    schema = create_app(base_settings()).openapi()
    with_body = [
        (path, method)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if "requestBody" in op
    ]
    assert ("/battles", "post") in with_body
    for path, method in with_body:
        answer = operation(schema, path, method)["responses"]["400"]
        assert answer["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorBody"
        }
