# The puckpath image: the API (`puckpath serve`) and the loader CLI (`loader ...`), one image.
# Built by docker-compose.yml; Neo4j and Redis run as their own containers.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    CACHE_DIR=/cache

RUN pip install --no-cache-dir uv==0.13.9 \
    && useradd --create-home --uid 10001 puckpath \
    && mkdir -p /cache /data \
    && chown puckpath /cache

WORKDIR /app
# Dependencies first (a layer that changes only with uv.lock), then the code. UV_NO_CACHE:
# uv keeps no download cache in the image. The copied files keep the checkout's modes (a
# checkout made with umask 077 is unreadable to the puckpath user), so they are made
# readable (a+rX) in the same layer that uses them.
COPY pyproject.toml uv.lock README.md ./
RUN chmod a+r pyproject.toml uv.lock README.md \
    && uv sync --frozen --no-dev --no-install-project
COPY cypher ./cypher
COPY graph_api ./graph_api
COPY loader ./loader
RUN chmod -R a+rX /app/cypher /app/graph_api /app/loader \
    && uv sync --frozen --no-dev

USER puckpath
EXPOSE 8000
# NEO4J_URI and REDIS_URL point at the other containers, so `serve` starts no server itself;
# --no-load: the one-shot loader service fills the graph.
CMD ["puckpath", "serve", "--no-load"]
