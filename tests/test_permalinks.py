"""Permalinks are a contract: every registered address and anchor resolves,
and every published one is registered."""

from tools.permalinks import published, read_registry, resolve

import pytest


def test_registry_is_not_empty_and_has_the_cited_anchors():
    entries = read_registry()
    assert len(entries) >= 100
    for must in ("positions/#sixty-two", "faq/#positions", "errata/#relu-order",
                 "calculator/#bottleneck", "inception/#table-1"):
        assert must in entries


def test_every_registered_entry_still_resolves(built_site):
    broken = [f"{e}: {why}" for e in read_registry()
              if (why := resolve(built_site, e))]
    assert not broken, "\n".join(broken)


def test_every_published_entry_is_registered(built_site):
    missing = sorted(published(built_site) - set(read_registry()))
    assert not missing, ("not in permalinks.txt (run 'make permalinks'):\n"
                         + "\n".join(missing))


def test_resolve_sees_a_missing_page_or_anchor(built_site):
    assert resolve(built_site, "no-such-page/") == "no page at no-such-page/"
    assert resolve(built_site, "faq/#no-such-anchor") == (
        "no anchor #no-such-anchor on faq/")
    assert resolve(built_site, "faq/#positions") is None


def test_a_redirect_keeps_an_old_address_alive(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../new/">')
    (tmp_path / "new" / "index.html").write_text('<h2 id="kept">Kept</h2>')
    assert resolve(tmp_path, "old/#kept") is None
    assert resolve(tmp_path, "old/#gone") == "no anchor #gone on old/"
    assert published(tmp_path) == {"new/", "new/#kept"}
    (tmp_path / "new" / "index.html").unlink()
    assert resolve(tmp_path, "old/") == "old/ redirects to a missing page"


@pytest.mark.parametrize("entry", ["faq/#positions", "/"])
def test_entries_have_no_spaces(entry):
    assert " " not in entry
