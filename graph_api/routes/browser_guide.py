"""``GET /browser/guide``: the saved queries of ``cypher/browser/`` as a Neo4j Browser guide.

Neo4j Browser plays it when it connects (``browser.post_connect_cmd``, see
``graph_api/runtime/browser_guide.py``), or on ``:play http://HOST:8000/browser/guide``. The
guide is Browser's HTML slide format (``<article class="guide">`` with a ``<carousel>`` of
``<slide>`` elements, as Browser's own guides); each ``<pre class="runnable">`` is a frame a
click puts into the editor. One slide per ``.cypher`` file, made from the file itself: the
first header line is the title, the other header lines the explanation, each ``:param`` line a
runnable frame, then the statement. The files stay the one source.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from itertools import takewhile

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from graph_api.graph.catalog import QueryCatalog
from graph_api.runtime.browser_guide import GUIDE_PATH

router = APIRouter(include_in_schema=False)
FOLDER = "browser"
FIRST = "browser/graph_overview"
TITLE_PREFIX = re.compile(r"^Neo4j Browser( \(graph view\))?:\s*")
PARAM_LINE = re.compile(r"^:param\s+\w+\s*=>")
# Browser fetches the guide from its own origin (the Neo4j HTTP port): any origin may read it.
HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"}
PREFLIGHT = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET",
    "Access-Control-Allow-Headers": "Pragma, Cache-Control",
    "Access-Control-Max-Age": "600",
}


@router.get(GUIDE_PATH)
async def browser_guide() -> HTMLResponse:
    return HTMLResponse(guide_html(), headers=HEADERS)


@router.options(GUIDE_PATH)
async def browser_guide_preflight() -> Response:
    """Browser sends ``Pragma`` and ``Cache-Control`` with the request: a CORS preflight."""
    return Response(status_code=204, headers=PREFLIGHT)


@cache
def guide_html() -> str:
    catalog = QueryCatalog.load()
    names = sorted(catalog.under(FOLDER), key=lambda name: (name != FIRST, name))
    slides = [_intro_slide(catalog, names), *(_query_slide(name, catalog[name]) for name in names)]
    return (
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n"
    )


def _header(text: str) -> list[str]:
    comments = takewhile(lambda line: line.lstrip().startswith("//"), text.splitlines())
    return [line.strip().lstrip("/").strip() for line in comments]


def _title(text: str) -> str:
    """The header's first paragraph, without "Neo4j Browser:" (a graph view says so)."""
    header = _header(text)
    first = " ".join(takewhile(bool, header))
    match = TITLE_PREFIX.match(first)
    graph_view = bool(match and match.group(1))
    title = first[match.end() if match else 0 :].rstrip(".")
    title = title[:1].upper() + title[1:]
    return f"{title} (graph view)" if graph_view else title


def _intro_slide(catalog: QueryCatalog, names: list[str]) -> str:
    items = "".join(
        f"<li><code>{escape(name.removeprefix(FOLDER + '/'))}</code>: "
        f"{escape(_title(catalog[name]))}</li>"
        for name in names
    )
    return _slide(
        "puckpath",
        "The NHL teammate graph: every player, team-season and game.",
        "<p>The saved queries of <code>cypher/browser/</code>, one per slide. Click a frame "
        "to put it into the editor, then run it; set the <code>:param</code> lines first.</p>"
        f"<ul>{items}</ul>",
    )


def _query_slide(name: str, text: str) -> str:
    header = _header(text)
    params = [line for line in header if PARAM_LINE.match(line)]
    title_lines = len(list(takewhile(bool, header)))
    notes = [
        line
        for line in header[title_lines:]
        if line and line not in params and not line.startswith("Set the parameter")
    ]
    statement = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    frames = "".join(f'<pre class="runnable">{escape(line)}</pre>' for line in params)
    body = (
        f"<p>{escape(' '.join(notes))}</p>{frames}"
        f'<pre class="runnable">{escape(statement.strip())}</pre>'
        f"<p><small>cypher/{escape(name)}.cypher</small></p>"
    )
    return _slide(_title(text), f"cypher/{name}.cypher", body)


def _slide(title: str, lead: str, body: str) -> str:
    return (
        '<slide class="row-fluid">\n'
        f'<div class="col-sm-3"><h3>{escape(title)}</h3><p class="lead">{escape(lead)}</p></div>\n'
        f'<div class="col-sm-9">{body}</div>\n'
        "</slide>"
    )
