"""scripts/validate --github: catalog text in CI logs is shown, never obeyed as a runner command."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.catalog import loader as catalog_module
from pet_generator.catalog.loader import check_catalog


def patched(tmp_path: Path, file: str, old: str, new: str) -> Path:
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    path = cat / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return cat


FORGED = "x\\n::stop-commands::pwned\\n::error file=README.md,line=1::forged\\n##[error]old runner %0A"


def _unescape(data: str) -> str:
    return data.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_escape_catalog_text_so_it_cannot_forge_commands(tmp_path: Path) -> None:
    """A reference (echoed in its error message) carries line breaks and runner commands."""
    cat = patched(tmp_path, "resources.yaml", "  topics: [supervision]\n", f'  topics: [supervision, "{FORGED}"]\n')
    result = subprocess.run([ROOT / "scripts" / "validate", "--github", "--catalog", cat], capture_output=True, text=True)
    assert result.returncode == 1
    _, errors = check_catalog(cat)
    assert any("::stop-commands::" in e.message for e in errors), "the test needs an error that quotes the text"
    # Log readers split lines on CR, LF and Unicode separators; GitHub reads "::" after leading spaces.
    lines = re.split(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", result.stdout.strip())
    commands = [line for line in lines if line.lstrip().startswith(("::", "##"))]
    assert len(commands) == len(errors) and all(c.startswith("::error file=") for c in commands), commands
    for error, command in zip(sorted(errors), commands, strict=True):
        props, _, message = command.removeprefix("::error ").partition("::")
        assert _unescape(message) == error.message
        fields = {k: _unescape(v) for k, v in (p.split("=", 1) for p in props.split(","))}
        assert fields == {"file": error.file, "line": str(error.line), "col": str(error.col)}
    plain = [line for line in lines if line not in commands]
    assert len(plain) == len(errors) and all(re.match(r"\S*catalog/resources\.yaml:\d+:\d+: ", line) for line in plain), plain


def test_an_annotation_is_one_line_whatever_the_message_holds() -> None:
    from pet_generator.tools.cli import annotation, log_lines

    message = "a\r\n::error::x\u2028::warning::y\x85##[error]z %0A 50%"
    error = catalog_module.CatalogError("catalog/a,b:c.yaml", 3, 4, message)
    line = annotation(error)
    assert re.split(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", line) == [line]
    assert line.startswith("::error file=catalog/a%2Cb%3Ac.yaml,line=3,col=4::a%0D%0A::error::x\\u2028")
    assert line.endswith("%250A 50%25")
    shown = log_lines(str(error).replace("\n", "\\n"))
    assert re.split(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", shown) == [shown] and shown.startswith("catalog/")
    assert log_lines("ok\n  ::stop-commands::t\n##[error]x") == "ok\n>   ::stop-commands::t\n> ##[error]x"
