"""scripts/publish: build exactly as scripts/build does, then deploy it as one edition with mike."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from mike import commands, git_utils

from macros.catalog.paths import DEFAULT_CATALOG
from macros.pipeline.engines import DEFAULT_ENGINE, ENGINES
from macros.pipeline.errors import BuildFailed
from macros.pipeline.run import build


def publish(
    catalog: Path, version: str, aliases: list[str], push: bool, branch: str = "gh-pages", remote: str = "origin", engine: str = DEFAULT_ENGINE
) -> None:
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
    args = parser.parse_args(argv)
    try:
        publish(Path(args.catalog), args.version, args.alias, args.push, engine=args.engine)
    except BuildFailed as exc:
        print(f"error: {exc}\nnothing was published.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
