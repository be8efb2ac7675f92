"""Which web addresses the catalog may hold, and which network addresses the link checker may visit.

Every check here runs in time linear in the URL's length (no regular expression with nested
quantifiers), so a hostile 300 KB URL is refused as fast as a short one.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

# Characters no address of ours contains: whitespace, quotes, angle brackets and the like
# (they break out of attributes or differ between parsers), controls, and invisible
# formatting characters such as bidirectional overrides and zero-width joiners.
_FORBIDDEN = re.compile(r"[\s\"'<>`\\{}|^\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u180e]")
_LOCAL_PART = re.compile(r"[A-Za-z0-9._+-]+")  # one mailbox; no comma (a second address), no %
_PORT = re.compile(r"[0-9]{1,5}")
_ENCODED_CONTROL = re.compile(r"%(?:[01][0-9a-fA-F]|7[fF])")  # %0A, %0D... would add mail headers

# Names that never reach a public web site: local (RFC 6761, 6762), private-use (RFC 8375,
# ICANN's .internal) and names that private networks commonly use.
LOCAL_SUFFIXES = ("localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp", "home.arpa", "arpa", "test", "invalid")

# Letters of other scripts that look like Latin ones: a label made only of these (аррӏе)
# passes for a Latin word although it is not one.
_LATIN_LOOKALIKES = set("аеорсухіјѕԁԛԝһӏвкмнтьѵαβεικνορτυχ")
# Scripts that one label may legitimately combine (Japanese, Korean, Chinese with Latin).
_SCRIPT_FAMILIES = ({"HAN", "HIRAGANA", "KATAKANA", "LATIN"}, {"HAN", "HANGUL", "LATIN"}, {"HAN", "BOPOMOFO", "LATIN"})
_SCRIPT_ALIASES = {"CJK": "HAN", "KATAKANA-HIRAGANA": "KATAKANA", "HALFWIDTH": "KATAKANA"}

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def check_url(url: str) -> str | None:
    """Return why a URL is refused, or None when it is an allowed http(s) or mailto address."""
    if url.startswith(("https://", "http://")):
        return _check_web(url)
    if url.startswith("mailto:"):
        return _check_mailto(url)
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    if scheme in {"http", "https", "mailto"} or url.lower().startswith(("http", "mailto")):
        return "is not a well-formed address (no spaces, quotes or angle brackets; scheme in lowercase)"
    return "must start with https://, http:// or mailto: (other schemes are refused)"


def _forbidden(url: str) -> str | None:
    bad = _FORBIDDEN.search(url)
    if bad is None:
        return None
    char = bad.group()
    if char in " \"'<>`\\{}|^":
        return "is not a well-formed address (no spaces, quotes or angle brackets; scheme in lowercase)"
    return f"contains the invisible character {_name(char)}; retype the address"


def _check_web(url: str) -> str | None:
    why = _forbidden(url)
    if why:
        return why
    rest = url.split("://", 1)[1]
    end = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    authority = rest[:end]
    if "@" in authority:
        return "contains a user name or password before '@'; link to the page without them"
    if authority.startswith("["):
        return "points at a numeric IP address; use the publisher's domain name"
    host, colon, port = authority.partition(":")
    if colon and not (_PORT.fullmatch(port) and 0 < int(port) < 65536):
        return "has a port that is not a number from 1 to 65535"
    return check_host(host)


def check_host(host: str) -> str | None:
    """Why a host name is refused (local, private, numeric, misleading), or None."""
    if not host:
        return "has no host name after '//'"
    if len(host) > 253:
        return "has a host name longer than 253 characters"
    if "%" in host:
        return "has a percent-encoded host name; write it plainly"
    name = host.lower().removesuffix(".")
    labels = name.split(".")
    last = labels[-1]
    # Browsers read a host whose last label is a number (127.1, 2130706433, 0x7f.1, 0177.0.0.1)
    # as an IPv4 address, however it is spelt.
    if last.isascii() and (last.isdigit() or (last.startswith("0x") and all(c in "0123456789abcdef" for c in last[2:]))):
        return "points at a numeric IP address; use the publisher's domain name"
    if any(name == s or name.endswith("." + s) for s in LOCAL_SUFFIXES):
        return f"points at a local or private host ('{_short(host)}'); only public web sites can be linked"
    if len(labels) < 2 or any(not label for label in labels):
        return f"has the host '{_short(host)}', which is not a full domain name like example.org"
    for label in labels:
        why = _check_label(label)
        if why:
            return why
    return None


def _check_label(label: str) -> str | None:
    if len(label) > 63:
        return "has a host name part longer than 63 characters"
    if label.startswith("xn--"):
        try:
            label = label.encode("ascii").decode("idna")
        except (UnicodeError, ValueError):
            return f"has the host part '{label}', which is not valid punycode"
    if label.isascii():
        bad = next((c for c in label if not (c.isalnum() or c in "-_")), None)
        return f"has the character '{bad}' in its host name" if bad else None
    if not unicodedata.is_normalized("NFKC", label):
        return "has a host name in an unusual form (full-width or compatibility letters); retype it"
    scripts: set[str] = set()
    for char in label:
        category = unicodedata.category(char)
        if category.startswith("L"):
            words = unicodedata.name(char, "UNKNOWN").split()
            scripts.add(_SCRIPT_ALIASES.get(words[0], words[0]))
        elif not (category.startswith(("M", "N")) or char in "-_"):
            return f"has the character {_name(char)} in its host name"
    if len(scripts) > 1 and not any(scripts <= family for family in _SCRIPT_FAMILIES):
        return f"has a host name that mixes scripts ({', '.join(sorted(s.title() for s in scripts))}), a common disguise; check the address"
    if scripts and "LATIN" not in scripts and all(c in _LATIN_LOOKALIKES for c in label if c.isalpha()):
        return "has a host name made of letters that imitate Latin ones, a common disguise; check the address"
    return None


def _check_mailto(url: str) -> str | None:
    why = _forbidden(url)
    if why:
        return why
    address, question, query = url.removeprefix("mailto:").partition("?")
    if "#" in url:
        return "has a '#' in a mailto: address; write only the address and an optional ?subject="
    local, at, domain = address.partition("@")
    if not at or not _LOCAL_PART.fullmatch(local) or "@" in domain:
        return "is not a single e-mail address (write mailto:name@example.org)"
    if question:
        name, equals, subject = query.partition("=")
        if name.lower() != "subject" or not equals or "&" in subject or "?" in subject:
            return "may carry only a subject (mailto:name@example.org?subject=...); remove other fields such as cc, bcc or body"
        if _ENCODED_CONTROL.search(subject):
            return "has an encoded line break or control character in its subject; remove it"
    why = check_host(domain)
    return why and why.replace("host name", "mail domain")


def address_allowed(address: str) -> bool:
    """True for a public unicast address; False for loopback, private, link-local (cloud
    metadata at 169.254.169.254), reserved or multicast ones, and for IPv6 forms that
    carry such an IPv4 address inside (::ffff:127.0.0.1, NAT64, 6to4, Teredo)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and not address_allowed(str(inner)):
            return False
    return ip.is_global and not ip.is_multicast


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
