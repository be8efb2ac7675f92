"""What the catalog folder may hold, and how its files are read: only regular files, never
through a link, never more than the size limits.

A pull request can add a symbolic link (to a system file, or /dev/zero), a named pipe or a
huge file anywhere under catalog/. Every path is checked with lstat before anything opens it,
and files are opened with O_NOFOLLOW and checked again with fstat, so a link swapped in
between is refused too. The layout is fixed; any other file is reported, not ignored.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

# Limits documented in CONTRIBUTING.md ("Limits"). The 10,000-resource benchmark catalog's
# resources.yaml is 7.6 MB; validating a file of the limit takes seconds, not minutes.
MAX_FILE_BYTES = 12 * 1024 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # all catalog YAML files together
MAX_SIDE_FILE_BYTES = 16 * 1024 * 1024  # a baseline or link report (10,000 resources: 9.7 MB of JSON)
MAX_ENTRIES = 2_000  # files and folders under the catalog folder

# Sub-folders and the names allowed in them; the build reads only editions/ and reports/.
SUBFOLDERS: dict[str, re.Pattern[str]] = {
    "schema": re.compile(r"[a-z0-9_-]+\.schema\.json|rules\.json"),  # model.py: the schemas and the rules beside them
    "templates": re.compile(r"[a-z0-9_]+\.yaml|README\.md"),
    "editions": re.compile(r"[0-9]{4}\.json"),
    "reports": re.compile(r"external-links\.(json|md)|link-history\.json"),
    # translations (catalog/translations/): i18n/<language>/<collection>.yaml and terms.yaml
    "i18n": re.compile(r"[a-z]{2,3}(-[a-z0-9]+)?"),
    "i18n/*": re.compile(r"[a-z_]+\.yaml|README\.md"),
}


class FileRefused(Exception):
    """A file the build will not read; the message says why and what to do."""


@dataclass(frozen=True)
class Misplaced:
    path: Path
    message: str


def _kind(mode: int) -> str | None:
    """A plain word for anything that is not a regular file or folder."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def refusal(kind: str) -> str:
    return f"is {kind}, not a regular file; the build never follows links or reads devices: replace it with the file's own content"


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileRefused otherwise."""
    try:
        before = os.lstat(path)
    except OSError as exc:
        raise FileRefused(f"cannot be read ({exc.strerror})") from None
    if (kind := _kind(before.st_mode)) or not stat.S_ISREG(before.st_mode):
        raise FileRefused(refusal(kind or "not a file"))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused(refusal("a symbolic link")) from None
        raise FileRefused(f"cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(refusal(_kind(st.st_mode) or "not a file"))
        if st.st_size > limit:
            raise FileRefused(too_large(st.st_size, limit))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(too_large(len(data), limit))
    return data


def too_large(size: int, limit: int) -> str:
    return f"is {size / 1048576:.1f} MB, more than the {limit // 1048576} MB this file may hold; remove entries (CONTRIBUTING.md lists the limits)"


def scan(root: Path, catalog_files: set[str]) -> list[Misplaced]:
    """Every link, device or unexpected name under `root` (without opening anything).

    Hidden files (editor swap files, .gitkeep) may sit anywhere, as long as they are
    regular files: the build never reads them."""
    problems: list[Misplaced] = []
    seen = 0
    folders: list[tuple[Path, str | None]] = [(root, "")]  # (folder, its name in SUBFOLDERS or None if unexpected)
    while folders:
        folder, sub = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Misplaced(folder, f"folder cannot be read ({exc.strerror})"))
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                problems.append(Misplaced(root, f"the catalog folder holds more than {MAX_ENTRIES} files; remove what the catalog does not need"))
                return problems
            path = Path(entry.path)
            mode = entry.stat(follow_symlinks=False).st_mode
            if kind := _kind(mode):
                problems.append(Misplaced(path, refusal(kind)))
            elif stat.S_ISDIR(mode):
                if sub == "i18n" and SUBFOLDERS["i18n"].fullmatch(entry.name):
                    folders.append((path, "i18n/*"))  # one language's translations
                else:
                    folders.append((path, entry.name if sub == "" and entry.name in SUBFOLDERS else None))
            elif entry.name.startswith("."):
                continue
            elif sub is None:
                allowed = ", ".join(f"{s}/" for s in SUBFOLDERS if "/" not in s)
                problems.append(
                    Misplaced(path, f"is in an unexpected folder; the catalog folder holds only its YAML files and {allowed}: move or delete it")
                )
            elif sub == "" and entry.name not in catalog_files and entry.name != "README.md":  # a README explains a catalog; never read
                problems.append(
                    Misplaced(
                        path, f"unknown catalog file; expected one of: {', '.join(sorted(catalog_files))} (names are lowercase and end in .yaml)"
                    )
                )
            elif sub == "i18n":
                problems.append(Misplaced(path, "unexpected file in i18n/; it holds one folder per language (es/, vi/, ...)"))
            elif sub and not SUBFOLDERS[sub].fullmatch(entry.name):
                problems.append(Misplaced(path, f"unexpected file in {sub}/; the build never reads it: rename or delete it"))
    return problems


# Limits for the other input trees (docs/, overrides/, a toolkit's docs/): pages and their
# images. The generator's docs/ is under 1 MB; these only stop a tree that would fill memory.
MAX_TREE_FILE_BYTES = 32 * 1024 * 1024
MAX_TREE_BYTES = 256 * 1024 * 1024
MAX_TREE_ENTRIES = 20_000


def read_tree(root: Path, shown: str) -> dict[str, bytes]:
    """Every regular file under `root` (relative POSIX path -> bytes), read the way the catalog
    is read: `root` itself and everything in it must be a real folder or regular file. A
    symbolic link (to /etc/passwd, .git/config, or anywhere outside), a device, a pipe, a
    socket or a file with a second hard link (its other name may be outside the folder) is
    refused, naming the path; nothing is followed or opened before it is checked.
    `shown` is how messages name `root` (such as "docs" or "../our-toolkit/docs")."""
    try:
        mode = os.lstat(root).st_mode
    except OSError as exc:
        raise FileRefused(f"{shown}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISDIR(mode):
        raise FileRefused(f"{shown}: is {_kind(mode) or 'not a folder'}, not a folder; the build never follows links: make it a real folder")
    files: dict[str, bytes] = {}
    total = entries = 0
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            found = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise FileRefused(f"{shown}/{folder.relative_to(root).as_posix()}: folder cannot be read ({exc.strerror})") from None
        for entry in found:
            entries += 1
            rel = Path(entry.path).relative_to(root).as_posix()
            if entries > MAX_TREE_ENTRIES:
                raise FileRefused(f"{shown}: holds more than {MAX_TREE_ENTRIES:,} files and folders; remove what the site does not need")
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(st.st_mode):
                folders.append(Path(entry.path))
                continue
            if kind := _kind(st.st_mode):
                raise FileRefused(f"{shown}/{rel}: {refusal(kind)}")
            if st.st_nlink > 1:
                raise FileRefused(f"{shown}/{rel}: has another name (a hard link) that may lie outside {shown}; replace it with a copy of the file")
            try:
                data = read_regular(Path(entry.path), MAX_TREE_FILE_BYTES)
            except FileRefused as exc:
                raise FileRefused(f"{shown}/{rel}: {exc}") from None
            total += len(data)
            if total > MAX_TREE_BYTES:
                raise FileRefused(f"{shown}: its files add up to more than {MAX_TREE_BYTES // 1048576} MB; remove large files the site does not need")
            files[rel] = data
    return files
