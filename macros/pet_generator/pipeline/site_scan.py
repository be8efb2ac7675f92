"""Post-build safety scan: the last line of defence against catalog text turning into code.

Catalog strings are escaped where they are rendered; this scan checks the result. It parses
every built HTML page (html.parser, which decodes entities the way browsers do) and fails
the build on anything that could run script or leave the site:
- a <script> that is not one of ours (a file under assets/ or pagefind/), Material's JSON
  config block, or one of Material's known inline scripts (pinned by SHA-256 below);
- an inline script the page's Content-Security-Policy would block (so an upgrade of
  Material that changes them fails here, not silently in visitors' browsers);
- any on*= event-handler attribute;
- an href/src/action (and similar) whose scheme is not http, https or mailto;
- frames, objects, embeds and <base>, which we never use;
- a stylesheet, icon, image or media file, or a CSS url(), from another host (the site makes
  no request to another host: Zensical's offline plugin, for one, would add a CDN script);
- <meta http-equiv="refresh"> (no page here redirects on its own), a form whose action
  (or a button's formaction) leaves the site, and a link with a user name (https://a@b/);
- raw template syntax ({{ or {%) outside scripts, styles and code: a macro page the engine
  did not render. MkDocs fails the build then, but an engine could publish the page as
  written (ADR 0008). Catalog text never matches: its braces are escaped as &#123;.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline.errors import BuildFailed
from pet_generator.site.csp import INLINE_SCRIPT_HASHES

SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data", "background", "ping"}
# Never used here, and each read differently by browsers than by this parser, or by a browser
# with scripts on and off (noscript): refused outright rather than modelled.
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "noscript", "noembed", "noframes", "xmp", "plaintext"}
# Elements whose content a browser reads as text up to their end tag (outside SVG and MathML).
# Read the same way here, so an attribute value cannot hide "</textarea><meta ...>".
RAW_TEXT_ELEMENTS = {"title", "textarea"}
FOREIGN_ELEMENTS = {"svg", "math"}
# SVG animation elements: one that animates an href turns a link into anything.
ANIMATION_ELEMENTS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
# The site's referrer policy (overrides/main.html); a page or element may not weaken it.
REFERRER_POLICY = "no-referrer"
SCRIPT_DIRS = ("assets/", "pagefind/")
# Another language's pages (ADR 0014) are a whole build under /<language>/ with its own assets/.
_LANGUAGE_ASSETS = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)?/assets/")
# Elements and <link rel> values that make the browser fetch a file when the page loads.
LOADING_ELEMENTS = {"img", "source", "video", "audio", "track", "input", "image", "use", "feimage"}
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "prerender",
}
# Constructs where browsers and html.parser disagree on where markup ends: comments that
# browsers close early (<!-->, <!--->, --!>), CDATA and other marked sections (a bogus
# comment to the first ">" in HTML), and end tags with anything after their name.
_PARSER_DIFFERENCES = re.compile(r"<!--->?|<!--!?>|--!>|<!\[|</[A-Za-z][^\t\n\f\r />]*[\t\n\f\r /]+[^\t\n\f\r >]")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_URL_TOKEN = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s'"]*))""", re.IGNORECASE)
_CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")


def css_urls(css: str) -> list[str]:
    """Every address a piece of CSS may load: each url(...) and each string (image-set(),
    @import), after undoing CSS escapes (u\\72l(, \\68ttps:) and dropping comments."""

    def unescape(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2)

    text = _CSS_COMMENT.sub(" ", _CSS_ESCAPE.sub(unescape, css))
    found = [next(g for g in m.groups() if g is not None) for m in _CSS_URL_TOKEN.finditer(text)]
    found += [m.group(1) if m.group(1) is not None else m.group(2) for m in _CSS_STRING.finditer(text)]
    return [u.strip() for u in found if u.strip()]


# Browsers strip these before reading a URL's scheme ("java\tscript:" is javascript:).
_URL_STRIP = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def csp_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see, lower-cased; None for a relative URL."""
    cleaned = _URL_STRIP.sub("", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    col: int
    problem: str
    snippet: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.problem}: {self.snippet}"


class _PageScanner(HTMLParser):
    def __init__(self, page: str, lines: list[str], base: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.page = page  # site-relative path, e.g. "resources/index.html"
        self.base = base  # the site's path on its host ("/toolkit/2026/"), which root-relative URLs start with
        self.lines = lines
        self.findings: list[Finding] = []
        self.csp_script_src: set[str] | None = None
        self._script: tuple[int, int, dict[str, str | None]] | None = None
        self._script_text: list[str] = []
        self.inline_scripts: list[tuple[int, int, str]] = []
        self._style = False
        self._foreign = 0  # depth inside <svg> or <math>, where <title> holds markup
        self._ids: set[str] = set()
        self.end_marker: str | None = None  # scan_fragment's closing probe
        self.ended_as_text = False

    def _snippet(self, line: int, col: int) -> str:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return text[col : col + 160].strip()

    def _flag(self, problem: str) -> None:
        line, col = self.getpos()
        self.findings.append(Finding(self.page, line, col + 1, problem, self._snippet(line, col)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.end_marker is not None and tag == "hr" and values.get("data-pet-end") == self.end_marker:
            self.ended_as_text = True
            return
        if tag in FORBIDDEN_ELEMENTS:
            self._flag(f"unexpected <{tag}> element")
        if tag in FOREIGN_ELEMENTS:
            self._foreign += 1
        elif tag in RAW_TEXT_ELEMENTS and not self._foreign:
            self.set_cdata_mode(tag)  # a browser reads it as text up to </tag>: so does the scan
        self._browser_rules(tag, values)
        for name, value in attrs:
            if name.startswith("on"):
                self._flag(f"event-handler attribute {name}=")
            elif value is not None and name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self._flag(f"{name} with scheme '{scheme}:' (only http, https, mailto or relative)")
                elif scheme in ("http", "https") and "@" in _authority(value):
                    self._flag(f"{name} with a user name or password before '@' (the reader sees another host than the one linked)")
                elif name in ("action", "formaction") and leaves_site(value):
                    self._flag(f"form {name} that leaves the site ({value[:80]}); forms here submit only to our own pages")
            elif value is not None and name == "srcset":
                for candidate in value.split(","):
                    scheme = url_scheme(candidate.strip().split(" ")[0])
                    if scheme is not None and scheme not in SAFE_SCHEMES:
                        self._flag(f"srcset with scheme '{scheme}:'")
        self._loaded_from_elsewhere(tag, values)
        if tag == "meta":
            self._meta(values)
        if tag == "style":
            self._style = True
        if tag == "script":
            line, col = self.getpos()
            self._script = (line, col, values)
            self._script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A browser ignores the "/" in <script/> and reads on; any text that follows shows
        # up here as data outside a script, so an empty inline script is checked instead.
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag("script")

    def _browser_rules(self, tag: str, values: dict[str, str | None]) -> None:
        """What only the CSP held before: animated links, pings, weaker referrer policies,
        new windows that keep a handle on this page, and an element id used twice."""
        if tag in ANIMATION_ELEMENTS and (values.get("attributename") or "").strip().lower() in ("href", "xlink:href"):
            self._flag(f"SVG <{tag}> that changes a link's address (attributeName={values.get('attributename')})")
        if "ping" in values:
            self._flag("ping= sends a request to another address when the link is followed; remove it")
        policy = values.get("referrerpolicy")
        if policy is not None and policy.strip().lower() != REFERRER_POLICY:
            self._flag(f"referrerpolicy={policy[:40]!r} weakens the site's referrer policy ({REFERRER_POLICY})")
        if (
            tag == "meta"
            and (values.get("name") or "").strip().lower() == "referrer"
            and (values.get("content") or "").strip().lower() != REFERRER_POLICY
        ):
            self._flag(f"a page's own referrer policy ({(values.get('content') or '')[:40]!r}) overrides the site's ({REFERRER_POLICY})")
        target = (values.get("target") or "").strip().lower()
        if target and target not in ("_self", "_top", "_parent"):
            rel = set((values.get("rel") or "").lower().split())
            if not rel & {"noopener", "noreferrer"}:
                self._flag(f'target={target[:20]!r} without rel="noopener": the new window could change this page')
        element_id = values.get("id")
        if element_id is not None:
            if element_id in self._ids:
                self._flag(f"the element id {element_id[:60]!r} is used twice on this page (a catalog id equal to a heading's?)")
            self._ids.add(element_id)

    def _loaded_from_elsewhere(self, tag: str, values: dict[str, str | None]) -> None:
        """What the page itself fetches (not what a reader may follow) must come from the site."""
        rel = set((values.get("rel") or "").lower().split())
        urls: list[str | None] = []
        if tag == "link" and rel & LOADING_RELS:
            urls += [values.get("href"), *((values.get("imagesrcset") or "").split(","))]
        elif tag in LOADING_ELEMENTS:
            urls += [
                values.get("src"),
                values.get("poster"),
                values.get("href"),
                values.get("xlink:href"),
                *((values.get("srcset") or "").split(",")),
            ]
        urls += [values.get("background"), *css_urls(values.get("style") or "")]  # <table background>, every url() and image-set()
        for url in urls:
            if url and leaves_site(url.strip().split(" ")[0]) and url_scheme(url.strip()) != "data":
                self._flag(f"<{tag}> loads {url.strip()[:80]} from another host; every file a page loads comes from this site")

    def handle_data(self, data: str) -> None:
        if self._style:
            for url in css_urls(data):
                if leaves_site(url) and url_scheme(url) != "data":
                    self._flag(f"<style> loads {url[:80]} from another host; every file a page loads comes from this site")
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in FOREIGN_ELEMENTS and self._foreign:
            self._foreign -= 1
        if tag == "style":
            self._style = False
        if tag != "script" or self._script is None:
            return
        line, col, values = self._script
        self._script = None
        self._check_script(line, col, values, "".join(self._script_text))

    def _check_script(self, line: int, col: int, values: dict[str, str | None], text: str) -> None:
        def flag(problem: str) -> None:
            self.findings.append(Finding(self.page, line, col + 1, problem, self._snippet(line, col)))

        src = values.get("src")
        kind = (values.get("type") or "").strip().lower()
        if src is not None:
            target = _site_path(self.page, src, self.base)
            if target is None or not (target.startswith(SCRIPT_DIRS) or _LANGUAGE_ASSETS.match(target)):
                flag("script from outside assets/ and pagefind/")
            elif text.strip():
                flag("script with both src and inline text")
        elif kind == "application/ld+json" or (
            kind == "application/json"
            and (values.get("id") == "__config" or values.get("class") == "pet-lean" or (values.get("id") or "").startswith("pet-"))
        ):
            # Data islands, never executed (nor subject to the CSP's script-src): Material's
            # configuration, the resource list's compact data at scale, the search page's filters
            # (resource_table.json_island) and a resource page's schema.org data
            # (resource_page.json_ld); ours write no "<".
            if "<" in text:
                flag("JSON data block containing '<'")
            elif kind == "application/ld+json" and not _parses(text):
                flag("JSON-LD that is not JSON (cut short by an early end of its element?)")
        elif csp_hash(text) not in INLINE_SCRIPT_HASHES:
            flag(f"unexpected inline script ({csp_hash(text)})")
        else:
            self.inline_scripts.append((line, col, csp_hash(text)))

    def _meta(self, values: dict[str, str | None]) -> None:
        equiv = (values.get("http-equiv") or "").strip().lower()
        content = values.get("content") or ""
        if equiv == "content-security-policy":
            for directive in filter(str.strip, content.split(";")):
                name, *sources = directive.split()
                if name.lower() == "script-src":
                    self.csp_script_src = {s.strip("'") for s in sources}
        elif equiv == "refresh":
            self._flag("meta refresh: no page here redirects or reloads on its own; remove it")


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _authority(url: str) -> str:
    rest = _URL_STRIP.sub("", url).strip().split("//", 1)[-1]
    return re.split(r"[/?#\\]", rest, maxsplit=1)[0]


def leaves_site(url: str) -> bool:
    """True for an absolute or protocol-relative URL (another host, as far as a page can tell)."""
    cleaned = _URL_STRIP.sub("", url).strip()
    return url_scheme(cleaned) is not None or cleaned.startswith(("//", "\\", "/\\", "\\/"))


def _site_path(page: str, src: str, base: str = "") -> str | None:
    """Where a script's src points inside the site, or None if it leaves the site. With a site
    address the 404 page links root-relative ("/toolkit/2026/assets/x.js"): `base` is that path."""
    if url_scheme(src) is not None or src.startswith(("//", "\\")):
        return None
    if src.startswith("/"):
        inside = src.removeprefix(base) if base.strip("/") and src.startswith(base) else src
        return inside.lstrip("/")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), src.split("?")[0].split("#")[0]))
    return None if joined.startswith("..") else joined


# Where braces are expected: script and style text, code shown as code, the <title> (the
# theme's striptags decodes a heading's escaped braces there; it is plain text to a browser)
# and the markup of tags themselves (a glossary term in an abbr title is an attribute).
_NOT_PROSE = re.compile(r"<(script|style|pre|code|title)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%")


def raw_template_syntax(page: str, text: str) -> list[Finding]:
    """Template delimiters left in a page's text as written (escaped ones, &#123;, are text)."""
    masked = _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    findings = []
    for match in _TEMPLATE_SYNTAX.finditer(masked):
        line = masked.count("\n", 0, match.start()) + 1
        col = match.start() - (masked.rfind("\n", 0, match.start()) + 1) + 1
        snippet = text[match.start() : match.start() + 80].split("\n")[0]
        findings.append(
            Finding(
                page,
                line,
                col,
                "template syntax left unrendered (a macro page the engine did not render; in prose meant to show braces, put them in `code`)",
                snippet,
            )
        )
    return findings


def parser_differences(page: str, text: str) -> list[Finding]:
    """Constructs a browser reads differently from html.parser (_PARSER_DIFFERENCES): refused
    outright, since a <meta http-equiv=refresh> hidden behind one would pass the scan and run."""
    findings = []
    for match in _PARSER_DIFFERENCES.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        findings.append(
            Finding(
                page,
                line,
                col,
                "markup browsers read differently from the scan (an early comment end, <![...]> or an end tag with attributes)",
                text[match.start() : match.start() + 80].split("\n")[0],
            )  # fmt: skip
        )
    return findings


def scan_page(path: Path, site_dir: Path, base: str = "") -> list[Finding]:
    page = path.relative_to(site_dir).as_posix()
    text = path.read_text("utf-8", errors="replace")
    scanner = _PageScanner(page, text.splitlines(), base)
    scanner.feed(text)
    scanner.close()
    findings = scanner.findings + raw_template_syntax(page, text) + parser_differences(page, text)
    if scanner.csp_script_src is None:
        findings.append(Finding(page, 1, 1, "no Content-Security-Policy meta tag with script-src", "see overrides/main.html"))
    else:
        for line, col, digest in scanner.inline_scripts:
            if digest not in scanner.csp_script_src:
                findings.append(
                    Finding(
                        page,
                        line,
                        col + 1,
                        f"inline script blocked by this page's CSP; add '{digest}' to INLINE_SCRIPT_HASHES in macros/pet_generator/site/csp.py",
                        scanner._snippet(line, col),
                    )
                )
    return findings


def scan_fragment(page: str, html: str) -> list[Finding]:
    """A piece of a page's main content, checked on its own (macros/pet_generator/pipeline/resource_pages.py checks each
    resource page's body this way, against the shell page whose layout it goes into): everything
    scan_page flags, any inline script at all, and a piece that would leave the parser inside a
    tag, comment or script, which would change how the rest of the page reads."""
    scanner = _PageScanner(page, html.splitlines())
    scanner.feed(html)
    # A tag written after the piece is read as a tag only if the piece left the parser reading
    # plain text: inside an unclosed tag, attribute, comment, script or style it is not.
    scanner.end_marker = secrets.token_hex(8)
    scanner.feed(f'<hr data-pet-end="{scanner.end_marker}">')
    findings = scanner.findings + parser_differences(page, html)
    if not scanner.ended_as_text:
        findings.append(Finding(page, 1, 1, "content that does not end as plain text (an unclosed tag, comment or script)", html[-80:]))
    scanner.close()
    findings += [
        Finding(page, line, col + 1, "inline script in generated content", scanner._snippet(line, col)) for line, col, _ in scanner.inline_scripts
    ]
    return findings


# Pages a build step has already checked piece by piece (resource pages, ADR 0009): path -> the
# SHA-256 of the bytes it checked. The step hands them to the scan (pipeline/run.py BuildState);
# scan_site skips such a page only while its bytes are unchanged.
Checked = Mapping[Path, bytes]


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def scan_site(site_dir: Path, base: str = "", checked: Checked | None = None) -> list[Finding]:
    findings: list[Finding] = []
    checked = {p.resolve(): d for p, d in (checked or {}).items()}
    for path in sorted(site_dir.rglob("*.html")):
        known = checked.get(path.resolve())
        if known is not None and digest(path.read_bytes()) == known:
            continue
        findings += scan_page(path, site_dir, base)
    return findings


def check_site(site_dir: Path, cat: object = None, checked: Checked | None = None) -> None:
    address = urls.site_url(cat["edition"]) if isinstance(cat, Catalog) else None
    findings = scan_site(site_dir, urlsplit(address).path.rstrip("/") + "/" if address else "", checked)
    if findings:
        shown = "\n".join(map(str, findings[:50]))
        more = f"\n... and {len(findings) - 50} more" if len(findings) > 50 else ""
        raise BuildFailed(f"safety scan found {len(findings)} problem(s) in the built site:\n{shown}{more}")
