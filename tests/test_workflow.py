"""The GitHub Actions workflow: linted offline, and the decisions that matter pinned.

check-jsonschema validates each workflow against the vendored GitHub workflow schema and
zizmor --offline audits it for security problems; both come from requirements.txt and
need no network. The structural tests below then pin what a linter cannot know: who may
deploy, when, after what, and with which build.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.y*ml"))
SITE = WORKFLOWS / "site.yml"
BIN = Path(sys.executable).parent

SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
PINNED_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")
ON_MAIN = ("github.ref == 'refs/heads/main' && "
           "(github.event_name == 'push' || github.event_name == 'workflow_dispatch')")


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)


def check_jsonschema(path: Path) -> subprocess.CompletedProcess:
    return run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", path)


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return run(BIN / "zizmor", "--offline", "--strict-collection", "--no-progress", "--color=never", path)


def output(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def load(path: Path = SITE) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]


def index_of_run(job: dict, command: str) -> int:
    runs = [i for i, step in enumerate(job["steps"]) if step.get("run") == command]
    assert len(runs) == 1, f"expected one step running {command!r}, found {len(runs)}"
    return runs[0]


# --- the linters ---------------------------------------------------------------------------------


def test_there_are_workflows_to_lint() -> None:
    assert SITE in WORKFLOW_FILES


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_matches_github_schema(path: Path) -> None:
    result = check_jsonschema(path)
    assert result.returncode == 0, output(result)
    assert result.stdout == "ok -- validation done\n", output(result)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_has_no_zizmor_findings(path: Path) -> None:
    result = zizmor(path)
    assert result.returncode == 0, output(result)
    assert result.stdout.startswith("No findings to report. Good job!"), output(result)


BAD_STEPS = {
    "unpinned-uses": (
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          persist-credentials: false\n",
        "error[unpinned-uses]: unpinned action reference",
    ),
    "template-injection": (
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        "error[template-injection]: code injection via template expansion",
    ),
}


@pytest.mark.parametrize("audit", BAD_STEPS)
def test_zizmor_catches_a_bad_workflow(tmp_path: Path, audit: str) -> None:
    """The lint test is proven to lint: each known-bad step alone makes zizmor fail."""
    step, message = BAD_STEPS[audit]
    bad = tmp_path / "bad.yml"
    bad.write_text("name: bad\non: [pull_request]\npermissions: {}\njobs:\n  job:\n    name: job\n"
                   "    runs-on: ubuntu-24.04\n    steps:\n" + step, encoding="utf-8")
    assert check_jsonschema(bad).returncode == 0  # valid GitHub syntax: only zizmor objects
    result = zizmor(bad)
    assert result.returncode == 14, output(result)  # 14: a high-severity finding
    assert message in result.stdout.splitlines(), output(result)


def test_check_jsonschema_catches_an_invalid_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("name: bad\non: [push]\njobs:\n  job:\n    runs-on: ubuntu-24.04\n"
                   "    step:\n      - run: echo hi\n", encoding="utf-8")
    result = check_jsonschema(bad)
    assert result.returncode == 1, output(result)
    assert "    $.jobs.job: Additional properties are not allowed ('step' was unexpected)" \
        in result.stdout.splitlines(), output(result)


IMAGE_PINNED = re.compile(r"^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$")


def container_images(workflow: dict) -> dict[str, str]:
    """The image of each job that runs in a container or with service containers, by job (and service)."""
    images = {}
    for name, job in workflow["jobs"].items():
        container = job.get("container")
        if container is not None:
            images[name] = container if isinstance(container, str) else container["image"]
        for service, spec in (job.get("services") or {}).items():
            images[f"{name}/{service}"] = spec if isinstance(spec, str) else spec["image"]
    return images


def test_the_jobs_run_in_one_container_image_and_no_step_pulls_another() -> None:
    workflow = load()
    images = container_images(workflow)
    assert set(images) == {"test", "build", "zensical"} and len(set(images.values())) == 1, images
    assert images["test"].startswith("python:3.11-bookworm@sha256:")
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert [s["uses"] for s in steps if s.get("uses", "").startswith("docker://")] == []


def test_container_images_are_pinned_by_digest() -> None:
    """zizmor's pedantic unpinned-images audit, and the form `name:tag@sha256:<64 hex>` (the tag says which)."""
    images = container_images(load())
    assert images and [image for image in images.values() if not IMAGE_PINNED.match(image)] == []
    result = run(BIN / "zizmor", "--offline", "--persona=pedantic", "--no-progress", "--color=never", SITE)
    assert "unpinned-images" not in result.stdout, output(result)


def pin_image_module():
    """.github/pin_image.py, the script that pins and updates the image (not a package: loaded by path)."""
    spec = importlib.util.spec_from_file_location("pin_image", ROOT / ".github" / "pin_image.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pin_image_rewrites_each_container_line_of_the_image_and_nothing_else() -> None:
    pin = pin_image_module().pin
    new = "sha256:" + "1" * 64
    text = ("jobs:\n  a:\n    container: python:3.11-bookworm\n"
            "  b:\n    container: python:3.11-bookworm@sha256:" + "0" * 64 + " # same image\n"
            "  c:\n    container: python:3.12-bookworm\n    steps:\n      - run: echo python:3.11-bookworm\n")
    assert pin(text, "python:3.11-bookworm", new) == (
        "jobs:\n  a:\n    container: python:3.11-bookworm@" + new + "\n"
        "  b:\n    container: python:3.11-bookworm@" + new + " # same image\n"
        "  c:\n    container: python:3.12-bookworm\n    steps:\n      - run: echo python:3.11-bookworm\n", 2)
    with pytest.raises(ValueError, match=r"^not a sha256 digest: 'latest'$"):
        pin(text, "python:3.11-bookworm", "latest")


def test_the_workflow_is_already_what_pin_image_would_write() -> None:
    """site.yml names one digest, and re-pinning to it changes nothing (the script and the file agree)."""
    text = SITE.read_text(encoding="utf-8")
    digest = container_images(load())["test"].split("@", 1)[1]
    assert pin_image_module().pin(text, "python:3.11-bookworm", digest) == (text, 3)


@pytest.mark.parametrize("image, findings", [
    ("python:3.11-bookworm", 1),
    ("python:3.11-bookworm@sha256:" + "0" * 64, 0),  # a placeholder digest, only to lint the form
])
def test_zizmor_pedantic_catches_an_unpinned_image(tmp_path: Path, image: str, findings: int) -> None:
    """The check above is proven to check: a tag alone is reported, a digest is not."""
    bad = tmp_path / "image.yml"
    bad.write_text("name: image\non: [pull_request]\npermissions: {}\njobs:\n  job:\n    name: job\n"
                   f"    runs-on: ubuntu-24.04\n    container: {image}\n    steps:\n      - run: echo hi\n",
                   encoding="utf-8")
    assert check_jsonschema(bad).returncode == 0
    result = run(BIN / "zizmor", "--offline", "--persona=pedantic", "--no-progress", "--color=never", bad)
    reported = [line for line in result.stdout.splitlines() if line.startswith("error[unpinned-images]")]
    assert len(reported) == findings, output(result)


# --- the decisions -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    """A full commit SHA (a tag can be moved), and a `# vX.Y.Z` comment saying which release it is."""
    uses = [step["uses"] for job in load(path)["jobs"].values() for step in job.get("steps", [])
            if "uses" in step]
    uses += [job["uses"] for job in load(path)["jobs"].values() if "uses" in job]
    assert uses
    assert [u for u in uses if not SHA_PIN.match(u)] == []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert [line for line in lines if not PINNED_LINE.match(line)] == []
    assert len(lines) == len(uses)
    # One action, one commit: no two releases of the same action in a file.
    commits: dict[str, set[str]] = {}
    for line in lines:
        action, sha = PINNED_LINE.match(line).groups()
        commits.setdefault(action, set()).add(sha)
    assert {a: s for a, s in commits.items() if len(s) > 1} == {}


def test_triggers() -> None:
    assert load()["on"] == {"pull_request": None, "push": {"branches": ["main"]}, "workflow_dispatch": None}


def test_permissions_are_least_privilege() -> None:
    workflow = load()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert {name: job.get("permissions") for name, job in jobs.items()} == {
        "test": {"contents": "read"},
        "build": {"contents": "read", "pages": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
        "zensical": {"contents": "read"},
    }


def test_concurrency_cancels_stale_pull_request_runs_and_never_a_deploy() -> None:
    workflow = load()
    assert workflow["concurrency"] == {
        "group": "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}",
        "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
    }
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "github-pages-deploy",
                                                         "cancel-in-progress": False}


def test_test_job_runs_the_readme_command_then_a_strict_build() -> None:
    job = load()["jobs"]["test"]
    assert "if" not in job  # pull requests and main alike
    assert job["container"].startswith("python:3.11-bookworm@")
    assert job["defaults"] == {"run": {"working-directory": "main"}}
    assert index_of_run(job, "make test") < index_of_run(job, "make build")
    # The official documents the integrity tests read, at ../shared beside the clone.
    shared = [s for s in steps_using(job, "actions/checkout") if "repository" in s["with"]]
    assert [s["with"]["path"] for s in shared] == ["shared"]


def test_pip_cache_only_outside_the_publishing_jobs() -> None:
    jobs = load()["jobs"]
    assert [s["with"]["path"] for s in steps_using(jobs["test"], "actions/cache")] == ["~/.cache/pip"]
    for name in ("build", "deploy", "zensical"):
        assert steps_using(jobs[name], "actions/cache") == [], name


@pytest.mark.parametrize("name", ["test", "build", "zensical"])
def test_checkout_has_history_and_git_trusts_it(name: str) -> None:
    """Code pages date their last change with git blame: full history, readable by root in the container."""
    job = load()["jobs"][name]
    checkouts = steps_using(job, "actions/checkout")
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    own = [s for s in checkouts if "repository" not in s["with"]]
    assert [(s["with"]["path"], s["with"]["fetch-depth"]) for s in own] == [("main", 0)]
    trust = index_of_run(job, 'git config --global --add safe.directory "$GITHUB_WORKSPACE/main"')
    makes = [i for i, s in enumerate(job["steps"]) if s.get("run", "").startswith("make ")]
    assert makes and trust < min(makes)


def test_build_job_publishes_the_offline_archive_at_the_pages_url() -> None:
    job = load()["jobs"]["build"]
    assert job["if"] == ON_MAIN
    assert job["needs"] == "test"
    steps = job["steps"]
    [configure] = steps_using(job, "actions/configure-pages")
    offline, build = index_of_run(job, "make offline"), index_of_run(job, "make build")
    assert steps.index(configure) < offline < build
    for step in (offline, build):
        assert steps[step]["env"] == {"ERRDOCS_SITE_URL": "${{ steps.%s.outputs.base_url }}/" % configure["id"],
                                      "ERRDOCS_REPO_URL": "${{ github.server_url }}/${{ github.repository }}"}
    [upload] = steps_using(job, "actions/upload-pages-artifact")
    assert upload["with"] == {"path": "main/site"}
    assert steps.index(upload) == len(steps) - 1


def test_deploy_job_runs_only_on_main_after_the_build() -> None:
    job = load()["jobs"]["deploy"]
    assert job["if"] == ON_MAIN
    assert job["needs"] == "build"
    assert job["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert [(s.get("id"), s["uses"].split("@")[0]) for s in job["steps"]] == [("deployment", "actions/deploy-pages")]


def test_zensical_job_builds_the_other_engine_without_blocking_anything() -> None:
    """The generated pages built by Zensical (`make zensical`) on every run; its failure is reported but
    neither fails the workflow nor holds back the build and deploy, which do not wait for it."""
    jobs = load()["jobs"]
    job = jobs["zensical"]
    assert "if" not in job and "needs" not in job
    assert job["continue-on-error"] is True
    assert [s["run"] for s in job["steps"] if "run" in s][-1] == "make zensical"
    assert all("zensical" not in str(other.get("needs", "")) for other in jobs.values())
