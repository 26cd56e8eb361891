"""Shared fixtures: one strict build per session, a local server, a browser.

Browser tests use Python Playwright driving Debian's Chromium
(/usr/bin/chromium; `apt-get install chromium`). Where it is missing they
skip with that reason; with OBO_REQUIRE_BROWSER=1 (set by .ci/run) they
fail instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.static_site import CHROMIUM, launch_chromium, serve

ROOT = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(config, items):
    """Longest first: the few heavy tests (clean builds) start at once, so
    with two workers one of them is not left running alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


# The address and repository a published build is given in the tests: a
# sub-path, as GitHub project pages are served.
PUBLISHED = {"SITE_URL": "https://example.org/onebyone/",
             "REPO_URL": "https://github.com/example/onebyone"}


def build_site(out: Path, **env_vars: str) -> Path:
    """``mkdocs build --strict`` into ``out``; fail the test on any warning.

    Without ``env_vars`` the build has no address and no repository (as a
    local build); pass ``**PUBLISHED`` for a build as the workflow makes it.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH",
                                                "1767225600"))
    for name in ("SITE_URL", "REPO_URL"):
        env.pop(name, None)
    env.update(env_vars)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
         str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def load_hook(name: str):
    """A module of hooks/ (not a package: MkDocs loads each file by path),
    loaded the way MkDocs loads it, registered so dataclasses can find it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        f"hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def worker(request) -> str:
    """pytest-xdist's worker name ("gw0", ...), or "master" without it
    (also under ``-p no:xdist``)."""
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


def shared_build(request, tmp_path_factory, name: str, **env_vars) -> Path:
    """One build per test run, shared by the parallel workers
    (pytest-xdist): the first worker builds under a lock, the others reuse
    its site."""
    if worker(request) == "master":
        return build_site(tmp_path_factory.mktemp(name), **env_vars)
    shared = tmp_path_factory.getbasetemp().parent
    site = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (site / "index.html").exists():
                build_site(site, **env_vars)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, request) -> Path:
    """The site as a local build makes it: no address, no repository."""
    return shared_build(request, tmp_path_factory, "site")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, request) -> Path:
    """The site as the publishing workflow builds it: ``PUBLISHED``'s
    address (a sub-path) and repository."""
    return shared_build(request, tmp_path_factory, "published", **PUBLISHED)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1 by a plain static server that,
    like real static hosts, answers a missing page with the site's own
    404.html (tools/static_site.py, shared with the benchmarks)."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = (f"Chromium not found at {CHROMIUM}: install it with "
                  "'apt-get install -y chromium' (CI does)")
        if os.environ.get("OBO_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()
