"""Maintainer tooling stays correct: workflows and issue forms match GitHub's schemas, and
generated files (field reference, issue form) are up to date with their sources."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from pet_generator.catalog.loader import check_catalog

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def check_schema(builtin: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with its vendored copy of GitHub's schemas: no network needed."""
    return subprocess.run([ROOT / ".venv/bin/check-jsonschema", "--builtin-schema", builtin, *files], capture_output=True, text=True)


def test_workflows_match_githubs_schema() -> None:
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "pages.yml", "links.yml", "review-queue.yml"}
    result = check_schema("vendor.github-workflows", WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_match_githubs_schema() -> None:
    assert {p.name for p in FORMS} == {"propose-resource.yml", "broken-link.yml"}
    result = check_schema("vendor.github-issue-forms", FORMS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_does_catch_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n", "utf-8")
    assert check_schema("vendor.github-workflows", [bad]).returncode != 0


def steps_text(name: str) -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))
    return "\n".join(str(step.get("run", "")) for job in workflow["jobs"].values() for step in job["steps"])


def test_ci_runs_every_gate() -> None:
    text = steps_text("ci.yml")
    for command in ("scripts/validate --github", "scripts/test", "scripts/build", "scripts/check-links", "-k accessibility"):
        assert command in text, command


def test_pages_never_cancels_a_deployment_and_publishes_only_after_tests() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    assert workflow["concurrency"]["cancel-in-progress"] is False
    runs = [str(s.get("run", "")) for s in workflow["jobs"]["publish"]["steps"]]
    test_at = next(i for i, r in enumerate(runs) if "scripts/test" in r)
    publish_at = next(i for i, r in enumerate(runs) if "scripts/publish" in r)
    assert test_at < publish_at and "--push" in runs[publish_at]


def test_links_workflow_updates_one_issue_weekly() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "links.yml").read_text("utf-8"))
    assert workflow[True]["schedule"]  # PyYAML reads the key `on` as True
    text = steps_text("links.yml")
    assert "check-links --external" in text and "gh issue edit" in text and "gh issue create" in text


@pytest.mark.parametrize("script", ["gen-reference", "gen-forms", "gen-types"])
def test_generated_files_are_up_to_date(script: str) -> None:
    result = subprocess.run([ROOT / "scripts" / script, "--check"], capture_output=True, text=True)
    assert result.returncode == 0, f"run scripts/{script}: {result.stderr}"


def test_reference_page_lists_every_field_of_every_schema() -> None:
    page = (ROOT / "docs" / "reference" / "catalog-fields.md").read_text("utf-8")
    import json

    for schema_path in (ROOT / "catalog" / "schema").glob("*.schema.json"):
        if schema_path.name == "common.schema.json":
            continue
        schema = json.loads(schema_path.read_text("utf-8"))
        entity = schema["items"] if schema["type"] == "array" else schema
        for field in entity["properties"]:
            assert f"| `{field}` |" in page, (schema_path.name, field)


def test_templates_form_a_valid_catalog() -> None:
    _, errors = check_catalog(ROOT / "catalog" / "templates")
    assert errors == []


def test_vscode_maps_every_catalog_file_to_its_schema() -> None:
    import json

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapped = {f for files in settings["yaml.schemas"].values() for f in files}
    for schema in (ROOT / "catalog" / "schema").glob("*.schema.json"):
        name = schema.name.removesuffix(".schema.json")
        if name != "common":
            assert f"catalog/{name}.yaml" in mapped, name


@pytest.mark.slow  # yamllint reads the whole catalog in about 2 s: the whole suite's job, not the edit loop's
def test_yamllint_accepts_the_catalog() -> None:
    result = subprocess.run([ROOT / ".venv/bin/yamllint", "--strict", "-c", ROOT / ".yamllint.yml", ROOT / "catalog"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
