"""The GitHub Pages workflow: valid against the GitHub workflow schema, and doing what the README says.

actionlint is not installable from a registry here (its PyPI wrapper downloads the binary at install
time), so validity is checked with check-jsonschema's vendored copy of the SchemaStore workflow
schema, which needs no network.
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def step(job: dict, action: str) -> dict:
    found = [s for s in job["steps"] if s.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"expected one {action} step"
    return found[0]


def major(uses: str) -> int:
    return int(re.fullmatch(r".*@v(\d+).*", uses).group(1))


def test_workflow_is_valid_against_the_github_workflow_schema():
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_does_reject_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("pages: write", "pages: admin"))
    result = validate(broken)
    assert result.returncode != 0 and "admin" in result.stdout


def test_runs_on_push_to_main_and_by_hand(workflow):
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]


def test_permissions_and_concurrency(workflow):
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_build_job_builds_with_the_readme_command_and_the_pages_base_path(workflow):
    build = workflow["jobs"]["build"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses.index("actions/checkout") < uses.index("actions/setup-python") < uses.index("actions/configure-pages")
    assert str(step(build, "actions/setup-python")["with"]["python-version"]) == "3.11"
    assert step(build, "actions/configure-pages")["id"] == "pages"
    runs = [s for s in build["steps"] if "run" in s]
    assert len(runs) == 1
    command = shlex.split(runs[0]["run"])
    assert command[:2] == ["make", "build"]
    assert runs[0]["env"]["BASE_PATH"] == "${{ steps.pages.outputs.base_path }}/"


@pytest.mark.parametrize("pages_output, expected", [("/news-dossier", "/news-dossier/"), ("", "/")])
def test_build_step_turns_the_configure_pages_path_into_a_base_path(workflow, pages_output, expected):
    """configure-pages says '/REPO' or '' (no trailing slash); the build must get '/REPO/' or '/'."""
    run_step = next(s for s in workflow["jobs"]["build"]["steps"] if "run" in s)
    base_path = run_step["env"]["BASE_PATH"].replace("${{ steps.pages.outputs.base_path }}", pages_output)
    # make -n prints the commands the step would run without running them.
    result = subprocess.run(
        ["bash", "-c", "make -n " + run_step["run"].removeprefix("make ")], cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "BASE_PATH": base_path}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    build_line = next(line for line in result.stdout.splitlines() if "-m generator build" in line)
    assert shlex.split(build_line)[-2:] == ["--base-path", expected]


def test_upload_keeps_hidden_files_of_build(workflow):
    upload = step(workflow["jobs"]["build"], "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "build"
    assert major(upload["uses"]) >= 5  # include-hidden-files exists from v5; v4 silently drops dotfiles
    assert upload["with"]["include-hidden-files"] is True


def test_deploy_job(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert step(deploy, "actions/deploy-pages")["id"] == "deployment"
