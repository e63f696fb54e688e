"""Settings: env names, nesting, and that .env.example documents every setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from graph_api.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def env_names(model: type[BaseModel] = Settings, prefix: str = "") -> list[str]:
    names = []
    for field_name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not prefix:
            names.extend(env_names(annotation, f"{field_name.upper()}_"))
        else:
            names.append(f"{prefix}{field_name.upper()}")
    return names


def test_nested_environment_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://example:7687")
    monkeypatch.setenv("NEO4J_QUERY_TIMEOUT_S", "3.5")
    monkeypatch.setenv("REDIS_URL", "redis://example:6379/0")
    monkeypatch.setenv("LOCALNEO4J_BOLT_PORT", "17687")
    monkeypatch.setenv("DATA_DIR", "/data")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.neo4j.uri == "bolt://example:7687"
    assert settings.neo4j.query_timeout_s == 3.5
    assert settings.redis.url == "redis://example:6379/0"
    assert settings.localneo4j.bolt_port == 17687
    assert settings.data_dir == Path("/data")


def test_password_is_secret() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert "puckpath-local" not in repr(settings)


def test_every_setting_is_documented_in_env_example() -> None:
    documented = (REPO / ".env.example").read_text(encoding="utf-8")
    missing = [name for name in env_names() if f"{name}=" not in documented]
    assert not missing, f".env.example does not document: {missing}"


def test_every_setting_has_a_description() -> None:
    def walk(model: type[BaseModel]) -> list[str]:
        bare = []
        for name, field in model.model_fields.items():
            annotation = field.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                bare.extend(walk(annotation))
            elif not field.description:
                bare.append(f"{model.__name__}.{name}")
        return bare

    assert walk(Settings) == []
