"""Answers as JSON responses, serialized once.

A route that returns a pydantic model gets it validated again and encoded by FastAPI; the
path answers are already validated models, so the hot routes return the JSON bytes
directly (their ``response_model`` still documents the shape in OpenAPI).
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def json_response(answer: BaseModel) -> Response:
    return Response(answer.model_dump_json(by_alias=True), media_type="application/json")
