"""The web page's files: served at / and /static, nothing from a CDN, every control labelled."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
from fastapi import FastAPI

from graph_api.routes.web import IMMUTABLE, STATIC_DIR, install_web, static_prefix

DATABANK_URL = "http://sports.groups.yahoo.com/group/hockey-databank"
ATTRIBUTION = (
    "The information used herein was obtained free of charge from and is copyrighted by the "
    "Hockey Databank project. For more information about the Hockey Databank project please "
    f'visit <a href="{DATABANK_URL}">{DATABANK_URL}</a>'
)


def static_files() -> list[Path]:
    return sorted(p for p in STATIC_DIR.rglob("*") if p.is_file())


async def get(path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    app = FastAPI()
    install_web(app)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as c:
        return await c.get(path, headers=headers)


async def test_index_is_served_with_the_attribution() -> None:
    response = await get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert ATTRIBUTION in response.text


async def test_every_referenced_asset_is_served() -> None:
    index = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    referenced = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', index))
    for script in (STATIC_DIR / "js").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        for module in re.findall(r'(?:from |import\()"\./([\w.]+)"', text):
            assert (STATIC_DIR / "js" / module).exists(), f"{script.name} imports {module}"
            referenced.add(f"/static/js/{module}")
    assert {"/static/css/app.css", "/static/js/main.js"} <= referenced
    for path in sorted(referenced):
        response = await get(path)
        assert response.status_code == 200, path


# Not code: a player page's headshot (initials stand in when it cannot load) and the link to
# his NHL.com page (js/player_page.js).
NHL_PLAYER_ADDRESSES = ("https://assets.nhle.com/mugs/nhl/", "https://www.nhl.com/player/")


def test_nothing_is_loaded_from_another_site() -> None:
    for path in static_files():
        if path.suffix not in {".html", ".js", ".css", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", text)) - {DATABANK_URL}
        urls = {url for url in urls if not url.startswith("http://www.w3.org/")}
        urls = {url for url in urls if not url.startswith(NHL_PLAYER_ADDRESSES)}
        assert not urls, f"{path.name} refers to {urls}"


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labelled: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "label":
            self.label_depth += 1
            if attributes.get("for"):
                self.labelled.add(str(attributes["for"]))
        if tag in {"input", "select", "textarea"}:
            self.controls.append({**attributes, "_in_label": "1" if self.label_depth else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.label_depth -= 1


def test_every_form_control_has_a_label() -> None:
    parser = _Controls()
    parser.feed((STATIC_DIR / "index.html").read_text(encoding="utf-8"))
    assert len(parser.controls) >= 15
    for control in parser.controls:
        named = (
            control.get("_in_label")
            or control.get("aria-label")
            or control.get("id") in parser.labelled
        )
        assert named, f"control without a label: {control}"


async def test_the_page_refers_to_versioned_assets_cached_for_a_year() -> None:
    page = (await get("/")).text
    prefix = static_prefix()
    assert f'src="{prefix}js/main.js"' in page
    assert f'href="{prefix}css/app.css"' in page
    assert '"/static/js' not in page
    response = await get(f"{prefix}js/finder.js")
    assert response.status_code == 200
    assert response.headers["cache-control"] == IMMUTABLE
    assert response.headers["content-type"].startswith("text/javascript")


async def test_unversioned_assets_revalidate_with_an_etag() -> None:
    response = await get("/static/js/main.js")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"
    etag = response.headers["etag"]
    again = await get("/static/js/main.js", {"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


async def test_text_assets_are_compressed() -> None:
    for path in ("js/finder.js", "css/app.css"):
        plain = (STATIC_DIR / path).read_bytes()
        response = await get(f"{static_prefix()}{path}", {"Accept-Encoding": "gzip"})
        assert response.headers["content-encoding"] == "gzip"
        assert "accept-encoding" in response.headers["vary"].lower()
        assert response.content == plain  # httpx decodes the gzip body
        assert int(response.headers["content-length"]) < len(plain) / 2
    identity = await get(f"{static_prefix()}css/app.css", {"Accept-Encoding": "identity"})
    assert "content-encoding" not in identity.headers
