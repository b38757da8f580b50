"""Reading what the site says about itself from mkdocs.yml, as MkDocs reads it, without MkDocs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from generator import siteinfo
from generator.siteinfo import ConfigError, SiteInfo
from tests.helpers import ROOT


def config(tmp_path: Path, text: str, name: str = "mkdocs.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_reads_the_name_address_description_and_edit_links(tmp_path: Path) -> None:
    path = config(tmp_path, """\
        site_name: War diary
        site_url: https://example.org/diary
        site_description: Day by day
        edit_uri: edit/main/content/
        """)  # fmt: skip
    assert siteinfo.read(path) == SiteInfo(
        name="War diary",
        url="https://example.org/diary/",  # a folder, as MkDocs serves it
        description="Day by day",
        edit_links=True,
    )


def test_no_config_file_gives_the_defaults(tmp_path: Path) -> None:
    assert siteinfo.read(tmp_path / "mkdocs.yml") == SiteInfo()


def test_tags_only_mkdocs_resolves_read_as_nothing(tmp_path: Path) -> None:
    """Material's emoji settings name Python functions; a theme path may be `!relative`."""
    path = config(tmp_path, """\
        site_name: Tagged
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        theme: {name: material, custom_dir: !relative overrides}
        """)  # fmt: skip
    assert siteinfo.read(path).name == "Tagged"
    settings = siteinfo.resolved(path)
    assert settings["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"] is None
    assert settings["theme"]["custom_dir"] is None


def test_env_tags_resolve_as_mkdocs_resolves_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHRONICLE_TEST_URL", "https://example.net/")
    monkeypatch.delenv("CHRONICLE_TEST_UNSET", raising=False)
    path = config(tmp_path, """\
        site_name: !ENV [CHRONICLE_TEST_UNSET, Fallback name]
        site_url: !ENV CHRONICLE_TEST_URL
        """)  # fmt: skip
    with path.open(encoding="utf-8") as handle:
        assert siteinfo.resolved(path) == yaml_load(handle)
    mine = siteinfo.read(path)
    assert (mine.name, mine.url) == ("Fallback name", "https://example.net/")


def test_inherit_lays_the_file_over_the_one_it_inherits(tmp_path: Path) -> None:
    config(tmp_path, """\
        site_name: Base
        site_description: From the base
        theme: {name: material, palette: {primary: red}}
        """, "base.yml")  # fmt: skip
    path = config(tmp_path, """\
        INHERIT: base.yml
        site_name: Own name
        theme: {palette: {accent: red}}
        """)  # fmt: skip
    assert siteinfo.read(path) == SiteInfo(name="Own name", description="From the base")
    merged = siteinfo.resolved(path)
    assert merged["theme"] == {"name": "material", "palette": {"primary": "red", "accent": "red"}}
    with path.open(encoding="utf-8") as handle:
        assert merged == yaml_load(handle)


def test_the_projects_own_config_reads_as_mkdocs_reads_it() -> None:
    """The name and description MkDocs reads are the ones the generator reads."""
    mine = siteinfo.read(ROOT / "mkdocs.yml")
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        theirs = yaml_load(handle)  # MkDocs' own reading (its config would want build/docs)
    assert mine.name == theirs["site_name"]
    assert mine.description == (theirs.get("site_description") or "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("site_name: [unclosed\n", "mkdocs.yml: not valid YAML"),
        ("INHERIT: missing.yml\n", "INHERIT names 'missing.yml', which is not a file"),
        ("- a list\n", "expected settings (name: value), found list"),
    ],
)
def test_an_unreadable_config_is_an_error_naming_the_file(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(ConfigError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        siteinfo.read(config(tmp_path, text))


def test_the_generator_builds_pages_without_mkdocs_installed(tmp_path: Path) -> None:
    """MkDocs is one way to publish the pages: the generator must not need it to write them."""
    script = textwrap.dedent(f"""\
        import importlib.abc, sys
        from pathlib import Path

        class NoMkDocs(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name.split(".")[0] in ("mkdocs", "material"):
                    raise ModuleNotFoundError(f"No module named {{name!r}}")

        sys.meta_path.insert(0, NoMkDocs())
        from generator import build
        from generator.settings import Settings
        settings = Settings(root=Path({str(ROOT)!r}), docs=Path({str(tmp_path / "docs")!r}),
                            site=Path({str(tmp_path / "site")!r}))
        result = build.generate(settings)
        print(len(result.chronicle.entries))
        """)  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) > 0
    assert (tmp_path / "docs" / "entries" / "kirby-repositioning.md").is_file()


def test_the_files_a_config_is_made_of_are_it_and_those_it_inherits(tmp_path: Path) -> None:
    """A change to an inherited file changes every page: the site's stamp must see it."""
    base = config(tmp_path, "site_name: Base\n", "base.yml")
    path = config(tmp_path, "INHERIT: base.yml\n")
    assert siteinfo.read_config(path)[1] == [path, base]
    looped = config(tmp_path, "INHERIT: loop.yml\n", "loop.yml")
    with pytest.raises(ConfigError, match="INHERIT leads back to this file"):
        siteinfo.read_config(looped)
