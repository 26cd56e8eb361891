"""Publishing: the Pages workflow, the site's own address and its source.

What can be checked offline is checked here: the workflow parses, holds
only the permissions deploying needs, pins every action to a full commit
SHA and names only steps, outputs and make targets that exist; a build
with a SITE_URL under a sub-path gives every page its own canonical
address, a matching sitemap and a 404 page whose links work at any depth;
a build without one names no address at all.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from tests.conftest import PUBLISHED

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
SITE_URL = PUBLISHED["SITE_URL"]
REPO_URL = PUBLISHED["REPO_URL"]

# The releases the workflow pins, read from each action's own repository
# when they were pinned, with the outputs its action.yml declares.
ACTIONS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1",
                         {"ref", "commit"}),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b",
                                "v5.0.0", {"base_url", "origin", "host",
                                           "base_path"}),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9",
                                      "v5.0.0", {"artifact_id"}),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128",
                             "v5.0.0", {"page_url"}),
}


# --- the workflow ---------------------------------------------------------------

@pytest.fixture(scope="module")
def workflow():
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    # YAML 1.1 reads the key "on" as True
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow):
    for job_name, job in workflow["jobs"].items():
        for step in job["steps"]:
            yield job_name, step


def test_workflow_holds_only_the_permissions_deploying_needs(workflow):
    assert workflow["permissions"] == {
        "contents": "read", "pages": "write", "id-token": "write"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job, "a job asks for more than the workflow"


def test_workflow_deploys_only_from_main(workflow):
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert set(workflow["on"]) <= {"push", "workflow_dispatch"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"


def test_every_action_is_pinned_to_a_full_sha_with_its_version(workflow):
    lines = WORKFLOW.read_text("utf-8").splitlines()
    used = set()
    for _, step in steps(workflow):
        if "uses" not in step:
            continue
        name, _, ref = step["uses"].partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name} is not pinned: {ref}"
        assert name in ACTIONS, f"{name}: not one of the official Pages actions"
        sha, version, _ = ACTIONS[name]
        assert ref == sha, f"{name}@{ref} is not the pinned {version}"
        line = next(l for l in lines if f"uses: {name}@" in l)
        assert line.rstrip().endswith(f"# {version}"), line
        used.add(name)
    assert used == set(ACTIONS)


def test_workflow_names_only_steps_outputs_and_targets_that_exist(workflow):
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    for job_name, job in workflow["jobs"].items():
        ids = {s["id"]: s for s in job["steps"] if "id" in s}
        text = yaml.safe_dump(job)
        for step_id, output in re.findall(r"steps\.([\w-]+)\.outputs\.([\w-]+)",
                                          text):
            assert step_id in ids, f"{job_name}: no step {step_id!r}"
            action = ids[step_id]["uses"].partition("@")[0]
            assert output in ACTIONS[action][2], f"{action} has no {output!r}"
        for step in job["steps"]:
            for command in re.findall(r"\bmake ([\w-]+)", step.get("run", "")):
                assert command in targets, f"no make target {command!r}"
            for script in re.findall(r"bash (\S+)", step.get("run", "")):
                assert (ROOT / script).is_file(), script
    build = workflow["jobs"]["build"]
    run = [s for s in build["steps"] if "make build" in s.get("run", "")][0]
    assert run["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert "REPO_URL" in run["env"]
    test = [s for s in build["steps"] if ".ci/run" in s.get("run", "")][0]
    assert build["steps"].index(test) < build["steps"].index(run)
    upload = [s for s in build["steps"]
              if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload[0]["with"]["path"] == "site"


def test_makefile_build_reads_the_address_from_the_environment():
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL, null\]$", config, re.M)
    assert re.search(r"^repo_url: !ENV \[REPO_URL, null\]$", config, re.M)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "## Publish" in readme and "SITE_URL" in readme


# --- the built pages --------------------------------------------------------------

class Head(HTMLParser):
    """What a crawler reads: canonical, og:url, every href and src."""

    def __init__(self):
        super().__init__()
        self.canonical = self.og_url = None
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag == "meta" and a.get("property") == "og:url":
            self.og_url = a.get("content")
        for key in ("href", "src", "action"):
            if a.get(key):
                self.refs.append(a[key])


def read(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text("utf-8"))
    return parser


def page_paths(site: Path) -> dict[str, Path]:
    """Every page of a built site by its path ('' for the home page)."""
    out = {}
    for html in site.rglob("index.html"):
        rel = html.relative_to(site).as_posix()[:-len("index.html")]
        if rel.startswith(("assets/", "search/")):
            continue
        text = html.read_text("utf-8")
        if 'http-equiv="refresh"' in text:          # a redirect, not a page
            continue
        out[rel] = html
    return out


def test_published_pages_name_their_own_address(published_site):
    pages = page_paths(published_site)
    assert len(pages) >= 15
    for rel, html in pages.items():
        head = read(html)
        assert head.canonical == SITE_URL + rel, (rel, head.canonical)
        assert head.og_url == SITE_URL + rel, (rel, head.og_url)


def test_published_sitemap_lists_exactly_the_pages(published_site):
    tree = ElementTree.parse(published_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in tree.findall("s:url/s:loc", ns)}
    assert locs == {SITE_URL + rel for rel in page_paths(published_site)}


def test_published_404_works_at_any_depth(published_site):
    """Every link and asset of the 404 page is absolute (a path under the
    site's prefix or a full address), and names a file that exists."""
    prefix = "/onebyone/"
    head = read(published_site / "404.html")
    assert len(head.refs) > 10
    for ref in head.refs:
        if ref.startswith(REPO_URL):
            continue
        assert ref.startswith((prefix, SITE_URL)), f"relative on a 404: {ref}"
        path = ref.removeprefix(SITE_URL).removeprefix(prefix).split("#")[0]
        target = published_site / path
        if not path or path.endswith("/") or target.is_dir():
            target = target / "index.html"
        assert target.is_file(), f"404 page links to a missing {ref}"


def test_published_pages_show_where_the_source_is(published_site):
    pages = page_paths(published_site)
    with_code = 0
    for rel, html in pages.items():
        text = html.read_text("utf-8")
        assert f'href="{REPO_URL}"' in text, f"{rel}: no repository link"
        # the link stays, the GitHub API fetch behind it does not
        assert 'data-md-component="source"' not in text, rel
        if not rel.startswith("notebooks/"):
            assert re.search(rf'href="{REPO_URL}/edit/main/docs/[\w/.-]+\.(md|py)"',
                             text), f"{rel}: no edit link"
        if "obo-source-links" in text:
            with_code += 1
            for module in re.findall(rf'href="{REPO_URL}/blob/main/(snippets/[\w/]+\.py)"',
                                     text):
                assert (ROOT / module).is_file(), module
    assert with_code >= 1


def test_a_build_without_an_address_names_none(built_site):
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "sitemap.xml.gz").exists()
    for rel, html in page_paths(built_site).items():
        head = read(html)
        assert head.canonical is None and head.og_url is None, rel
    local = re.compile(rb"127\.0\.0\.1|localhost")
    named = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
             if p.is_file() and local.search(p.read_bytes())]
    assert not named, f"files naming a local address: {named}"


def test_a_build_without_a_repository_shows_no_source_links(built_site):
    for rel, html in page_paths(built_site).items():
        text = html.read_text("utf-8")
        assert "md-source" not in text and "obo-source-links" not in text, rel


def test_the_citation_names_the_published_address_and_a_local_copy_none(
        published_site, built_site):
    """The cite page's two citations carry the address the site is
    published at; a local build, which has no address, shows no line for it
    (and no placeholder)."""
    published = (published_site / "cite" / "index.html").read_text("utf-8")
    assert "Version 0.1.0.\n" + SITE_URL + "\n" in published
    assert "url    = {" + SITE_URL + "}" in published
    local = (built_site / "cite" / "index.html").read_text("utf-8")
    assert "SITE_ADDRESS" not in local and "SITE_ADDRESS" not in published
    assert "url    = {" not in local
    assert "Version 0.1.0" in local


def test_cite_address_fills_or_drops_only_its_own_lines():
    from tests.conftest import load_hook

    cite_address = load_hook("publishing").cite_address
    text = "a\nOnline: SITE_ADDRESS\nb\n"
    assert cite_address(text, "https://x.org/") == "a\nOnline: https://x.org/\nb\n"
    assert cite_address(text, None) == "a\nb\n"
    assert cite_address(text, "") == "a\nb\n"


def test_pull_requests_are_tested_as_ci_tests_main():
    """A pull request runs .ci/run in the same container as the publishing
    workflow, with read-only rights, the same pinned checkout, and no
    deployment."""
    path = ROOT / ".github" / "workflows" / "test.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    on = data.pop(True, data.get("on"))
    assert "pull_request" in on
    assert data["permissions"] == {"contents": "read"}
    publish = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    (job,) = data["jobs"].values()
    assert job["container"] == publish["jobs"]["build"]["container"]
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert any("bash .ci/run" in r for r in runs)
    (checkout,) = [s for s in job["steps"] if "uses" in s]
    name, _, ref = checkout["uses"].partition("@")
    assert (name, ref) == ("actions/checkout", ACTIONS["actions/checkout"][0])
    assert "# " + ACTIONS["actions/checkout"][1] in path.read_text("utf-8")
