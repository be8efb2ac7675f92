"""scripts/publish: build exactly as scripts/build does, then deploy it as one edition with mike."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mike import commands, git_utils
from pet_generator.catalog import urls
from pet_generator.catalog.loader import CatalogInvalid, load_catalog
from pet_generator.catalog.messages import log_lines
from pet_generator.catalog.paths import DEFAULT_CATALOG
from pet_generator.pipeline.engines import DEFAULT_ENGINE, ENGINES
from pet_generator.pipeline.errors import BuildFailed
from pet_generator.pipeline.run import build
from pet_generator.tools import overdue

_GITHUB = re.compile(r"(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")


def github_repository(edition_repository: str | None = None) -> str | None:
    """OWNER/NAME of the repository being published: GitHub Actions says it (GITHUB_REPOSITORY);
    else the edition's `repository`; else the git remote `origin`, when it is on GitHub."""
    if re.fullmatch(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", os.environ.get("GITHUB_REPOSITORY", "")):
        return os.environ["GITHUB_REPOSITORY"]
    candidates = [edition_repository or ""]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        candidates.append(subprocess.run(["git", "remote", "get-url", "origin"], capture_output=True, text=True, timeout=10).stdout.strip())
    for candidate in candidates:
        m = _GITHUB.match(candidate.strip())
        if m:
            return f"{m.group(1)}/{m.group(2)}"
    return None


def pages_address(repository: str, version: str) -> str:
    """The GitHub Pages address of one edition: OWNER/NAME, 2026 -> https://owner.github.io/NAME/2026/
    (a repository named OWNER.github.io is served at the root of that host)."""
    owner, name = repository.split("/", 1)
    host = f"{owner.lower()}.github.io"
    path = "" if name.lower() == host else f"{name}/"
    return f"https://{host}/{path}{version}/"


def edition_address(edition: Mapping[str, Any], version: str) -> str | None:
    """The edition's GitHub Pages address, found from the repository; with it the engine
    writes sitemap.xml, and pages and PDFs carry full addresses."""
    repository = github_repository(edition.get("repository"))
    return pages_address(repository, version) if repository else None


def publish(
    catalog: Path, version: str, aliases: list[str], push: bool, branch: str = "gh-pages", remote: str = "origin", engine: str = DEFAULT_ENGINE
) -> None:
    edition = load_catalog(catalog)["edition"]
    address = None if edition.get("site_url") else edition_address(edition, version)
    if address:
        os.environ[urls.SITE_URL_ENV] = address
        print(f"publishing to {address} (the repository's GitHub Pages address)")
    elif not edition.get("site_url"):
        print("warning: no site address (edition.site_url, or a GitHub repository): the sitemap stays empty", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="pet-publish-") as tmp:
        site = Path(tmp) / "site"
        cfg = {"site_dir": str(site), "use_directory_urls": True}
        # mike commits whatever is in site_dir when the block ends; our build fills it
        # (validation, the engine, Pagefind, PDFs, checks). If the build fails, nothing is committed.
        # mike only commits the folder, so every engine can publish; the edition selector comes
        # from the theme reading extra.version.provider, which Material and Zensical both do (ADR 0008).
        with commands.deploy(cfg, version, aliases=aliases, update_aliases=True, alias_type=commands.AliasType.copy, branch=branch):
            build(catalog, site, versioned=True, engine=engine)
    print(f"deployed {version}{' as ' + ', '.join(aliases) if aliases else ''} to the {branch} branch")
    if push:
        git_utils.push_branch(remote, branch)
        print(f"pushed {branch} to {remote}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/publish", description="Build the site and deploy it as an edition into the gh-pages branch (mike)."
    )
    parser.add_argument("--version", required=True, help="the edition, e.g. 2026")
    parser.add_argument("--alias", action="append", default=[], help="an alias such as latest (repeatable)")
    parser.add_argument("--push", action="store_true", help="push gh-pages to origin afterwards (off by default)")
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG))
    parser.add_argument("--engine", choices=list(ENGINES), default=DEFAULT_ENGINE, help=f"what renders the pages (default: {DEFAULT_ENGINE})")
    parser.add_argument(
        "--overdue-reason",
        metavar="TEXT",
        help="publish although facts shown to employers are past their review date, and say why (recorded in edition.yaml; the About page shows it)",
    )
    parser.add_argument("--by", help="with --overdue-reason: the editor who decided (a person's name)")
    args = parser.parse_args(argv)
    catalog = Path(args.catalog)
    try:
        cat = load_catalog(catalog)
    except CatalogInvalid as exc:
        print(log_lines(f"{exc}\nnothing was published: fix the catalog first (scripts/validate)"), file=sys.stderr)
        return 1
    stale = overdue.uncovered(cat)
    if stale and args.overdue_reason is None:
        print(f"error: {len(stale)} facts shown to employers are past their review date:", file=sys.stderr)
        for item in stale:
            print(f"  {item.key} ({item.name}): due {item.due}; shown on {', '.join(item.shown_on)}", file=sys.stderr)
        print(
            'nothing was published. Re-check them and record it (scripts/review RECORD --by "Your Name"), update them, or publish\n'
            'anyway with --overdue-reason "why" --by "Your Name" (the About page shows the reason).',
            file=sys.stderr,
        )
        return 1
    if stale:
        try:
            overdue.record_reason(catalog / "edition.yaml", args.overdue_reason, args.by or "", [i.key for i in overdue.overdue_shown(cat)])
        except ValueError as exc:
            print(f"error: {exc}\nnothing was published.", file=sys.stderr)
            return 2
        print(f"recorded in {catalog / 'edition.yaml'} why this edition is published with {len(stale)} overdue facts; commit it")
    try:
        publish(catalog, args.version, args.alias, args.push, engine=args.engine)
    except BuildFailed as exc:
        print(f"error: {exc}\nnothing was published.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
