"""``http(s)://`` URLs, fetched with httpx under the ingest limits.

- a timeout per request (``ingest.url_timeout``), also applied to the whole body download;
- the body is streamed and dropped as soon as it passes ``ingest.max_bytes``;
- redirects are followed by hand, at most ``ingest.max_redirects``, and every hop is checked;
- a host that resolves to a private, loopback, link-local, reserved or multicast address is
  refused (``forbidden``) unless ``ingest.allow_private`` is set. (The check resolves the name
  before the request; a DNS server that answers differently the second time could still steer
  the request, so run untrusted fetches in a network sandbox as well.)

HTML and plain-text bodies become one document; RSS/Atom bodies are read as feeds.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.config import Settings
from storyline.errors import Rejected, reject
from storyline.ingest.base import STAGE, Item, too_large
from storyline.ingest.feeds import looks_like_feed, read_feed
from storyline.ingest.files import document_from_bytes
from storyline.ingest.warc import _media_type

_REDIRECTS = {301, 302, 303, 307, 308}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def check_address(url: str, settings: Settings) -> Rejected | None:
    """Refuse URLs that are not http(s) or whose host is not a public address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return reject("unsupported", f"only http and https URLs are fetched, not {parts.scheme or 'none'}", STAGE, url)
    host = parts.hostname
    if not host:
        return reject("malformed", "the URL has no host name", STAGE, url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return reject("malformed", "the URL has an invalid port", STAGE, url)
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        return reject("unreachable", f"cannot resolve host {host!r} ({exc})", STAGE, url)
    if settings["ingest.allow_private"]:
        return None
    for info in infos:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        if mapped is not None:
            address = mapped
        if not address.is_global or address.is_multicast:
            return reject(
                "forbidden",
                f"host {host!r} resolves to the non-public address {address} (use --allow-private)",
                STAGE, url,
            )
    return None


def _fetch(client: httpx.Client, url: str, settings: Settings) -> tuple[str, httpx.Response, bytes] | Rejected:
    """Follow redirects by hand; return the final URL, response and capped body."""
    max_bytes = settings["ingest.max_bytes"]
    deadline = time.monotonic() + settings["ingest.url_timeout"] * 3
    current = url
    for _hop in range(settings["ingest.max_redirects"] + 1):
        refused = check_address(current, settings)
        if refused is not None:
            return refused if current == url else reject(
                refused.code, f"redirected to {current}: {refused.reason.split(': ', 1)[-1]}", STAGE, url)
        with client.stream("GET", current) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            if response.status_code >= 400:
                return reject("unreachable", f"HTTP {response.status_code} from {current}", STAGE, url)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return too_large(url, max_bytes, "the response body")
            parts: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    return too_large(url, max_bytes, "the response body")
                if time.monotonic() > deadline:
                    return reject("unreachable", f"the download from {current} took too long", STAGE, url)
                parts.append(chunk)
            return current, response, b"".join(parts)
    return reject("unreachable", f"more than {settings['ingest.max_redirects']} redirects (setting ingest.max_redirects)", STAGE, url)


def read_url(url: str, settings: Settings, transport: httpx.BaseTransport | None = None) -> Iterator[Item]:
    """Fetch one URL; ``transport`` lets tests plug in ``httpx.MockTransport``."""
    timeout = httpx.Timeout(settings["ingest.url_timeout"])
    headers = {"User-Agent": settings["ingest.user_agent"], "Accept": "text/html, text/plain, application/rss+xml, application/atom+xml;q=0.9, */*;q=0.5"}
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False, transport=transport, trust_env=False) as client:
            fetched = _fetch(client, url, settings)
    except httpx.TimeoutException:
        yield reject("unreachable", f"timed out after {settings['ingest.url_timeout']} s (setting ingest.url_timeout)", STAGE, url)
        return
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
        yield reject("unreachable", f"{type(exc).__name__}: {str(exc)[:200]}", STAGE, url)
        return
    if isinstance(fetched, Rejected):
        yield fetched
        return
    final, response, body = fetched
    media, charset = _media_type(response.headers.get("content-type"))
    if media in _FEED_TYPES or (media in ("", "text/plain") and looks_like_feed(body)):
        yield from read_feed(body, url, settings)
        return
    if media in ("text/html", "application/xhtml+xml", ""):
        content_type = "html"
    elif media == "text/plain":
        content_type = "text"
    else:
        yield reject("unsupported", f"content type {media!r} is not HTML or text", STAGE, url)
        return
    meta = {"url": final}
    yield document_from_bytes(body, url, content_type, meta=meta, declared=charset)  # type: ignore[arg-type]
