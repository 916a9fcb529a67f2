"""Why a source's address is not a well-formed http(s) URL: the part of RFC 3986 it breaks."""

from __future__ import annotations

import re

from briefing.i18n import _
from briefing.reading.contract import HEX, URL_CHARS
from briefing.text import shorten


def url_problem(value: str) -> str:
    """Say why an http(s) address is not a well-formed URL (RFC 3986)."""
    shown = shorten(value)
    if not URL_CHARS.fullmatch(value):
        return _(
            "`{value}` has characters a URL cannot hold as they are: "
            "percent-encode spaces, quotes, <, >, and non-ASCII characters"
        ).format(value=shown)
    if re.search(f"%(?!{HEX}{HEX})", value):
        return _(
            "`{value}` has a `%` that is not followed by two hexadecimal digits: "
            "write a percent sign itself as `%25`"
        ).format(value=shown)
    if value.count("#") > 1:
        return _(
            "`{value}` has more than one `#`: only the first starts the fragment; "
            "write the others as `%23`"
        ).format(value=shown)
    after = value.split("//", 1)[1]
    rest = after[len(re.split("[/?#]", after, maxsplit=1)[0]) :]  # what follows the authority
    if "[" in rest or "]" in rest:
        return _(
            "`{value}` has a `[` or `]` outside the host: brackets only enclose an "
            "IPv6 address; write them as `%5B` and `%5D` elsewhere"
        ).format(value=shown)
    return _(
        "`{value}` is not a well-formed URL (RFC 3986): check the host (not empty; "
        "an IPv6 address in brackets), the port (a number up to 65535) and any `user@`"
    ).format(value=shown)
