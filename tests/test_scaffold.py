"""`chronicle new`, `new-actor`, `new-place` and `new-topic`: run as editors run them, then
checked and built."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import scaffold
from tests.cli_helpers import chronicle, make_project

ARTICLES = "content/articles"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def new(project: Path, *args: str) -> tuple[int, str, str]:
    result = chronicle(project, "new", *args)
    return result.returncode, result.stdout.strip(), result.stderr


def test_new_entry_transliterates_the_title_and_passes_check(project: Path) -> None:
    code, out, err = new(
        project, "Переговори в Києві", "--date", "2022-03-30", "--actor", "Zelensky",
        "--actor", "Kirby", "--place", "Київ",
        "--summary", "Talks went on.", "--source", "A news report",
    )  # fmt: skip
    assert code == 0, err
    assert out == f"{ARTICLES}/2022/2022-03-30-perehovory-v-kyievi.md"
    text = (project / out).read_text(encoding="utf-8")
    assert 'title: "Переговори в Києві"' in text
    assert "actors: [volodymyr-zelenskyy, john-kirby]" in text  # aliases become ids
    assert "places: [kyiv]" in text
    assert "\ndraft: true" not in text  # complete: summary and source were given
    assert f"\npublished: {dt.date.today().isoformat()} " in text  # goes out today: feeds
    assert "# quotes:" in text and "# corrections:" in text  # the rest as commented examples
    checked = chronicle(project, "check", out)
    assert checked.returncode == 0, checked.stdout


def test_new_entry_without_summary_is_a_draft_with_placeholders(project: Path) -> None:
    code, out, err = new(project, "Kyiv talks", "--date", "2022-03-30", "--actor", "john-kirby")
    assert code == 0, err
    assert "created as a draft" in err
    text = (project / out).read_text(encoding="utf-8")
    assert "\ndraft: true" in text
    assert chronicle(project, "check").returncode == 0  # a draft may hold placeholders...
    path = project / out
    path.write_text(text.replace("\ndraft: true", "\n"), encoding="utf-8")
    published = chronicle(project, "check")  # ...a published entry may not
    assert published.returncode == 1
    assert f"{out}:4: summary: still holds the placeholder" in published.stdout
    assert f"{out}:9: sources[0].name: still holds the placeholder" in published.stdout


@pytest.mark.parametrize(
    ("date", "path"),
    [
        ("2022-03", "2022/2022-03-talks.md"),
        ("2022-03-29T14:00+03:00", "2022/2022-03-29-talks.md"),
    ],
)
def test_new_entry_with_a_partial_date_or_a_time(project: Path, date: str, path: str) -> None:
    code, out, err = new(project, "Talks", "--date", date, "--actor", "john-kirby")
    assert code == 0, err
    assert out == f"{ARTICLES}/{path}"
    assert f"\ndate: {date}\n" in (project / out).read_text(encoding="utf-8")
    assert chronicle(project, "check", out).returncode == 0


def test_new_refuses_to_overwrite(project: Path) -> None:
    args = ("Kyiv talks", "--date", "2022-03-30", "--actor", "john-kirby")
    first = new(project, *args)
    path = project / first[1]
    path.write_text(path.read_text(encoding="utf-8") + "Edited by hand.\n", encoding="utf-8")
    code, out, err = new(project, *args)
    assert code == 1
    assert out == ""
    assert "2022-03-30-kyiv-talks.md already exists; chronicle never overwrites a record" in err
    assert path.read_text(encoding="utf-8").endswith("Edited by hand.\n")


def test_new_refuses_an_id_another_entry_uses(project: Path) -> None:
    code, _, err = new(project, "Zelenskyy talks", "--date", "2022-04-02", "--actor", "Zelensky")
    assert code == 1
    assert (
        "slug: entry id 'zelenskyy-talks' is already used by "
        f"{ARTICLES}/2022/2022-03-29-zelenskyy-talks.md; choose another with --slug"
    ) in err
    assert new(project, "Zelenskyy talks", "--date", "2022-04-02", "--actor", "Zelensky",
               "--slug", "zelenskyy-talks-again")[0] == 0  # fmt: skip


def test_new_names_every_unknown_actor_and_bad_date_and_writes_nothing(project: Path) -> None:
    before = sorted((project / "content").rglob("*.md"))
    code, _, err = new(project, "X", "--date", "2022-03-30", "--actor", "kirbi",
                       "--actor", "Zelenskii", "--place", "Kiyv")  # fmt: skip
    assert code == 1
    assert "actors[0]: unknown actor 'kirbi' (did you mean 'john-kirby'?)" in err
    assert "actors[1]: unknown actor 'Zelenskii' (did you mean 'volodymyr-zelenskyy'?)" in err
    assert "places[0]: unknown place 'Kiyv' (did you mean 'kyiv'?)" in err
    # A bad date does not hide the other problems; a name close to nothing says how to add it.
    code, _, err = new(project, "X", "--date", "30.03.2022", "--actor", "Dmytro Kuleba")
    assert code == 1
    assert "--date: expected YYYY-MM-DD" in err
    assert (
        "actors[0]: unknown actor 'Dmytro Kuleba'; to add it: "
        "`chronicle new-actor 'Dmytro Kuleba' --kind person|organisation|state|armed-group`"
    ) in err
    code, _, err = new(project, "X", "--date", "2099-01-01", "--actor", "john-kirby")
    assert code == 1
    assert "date: 2099-01-01 is in the future" in err
    assert sorted((project / "content").rglob("*.md")) == before


def test_new_names_an_actor_file_that_could_not_be_read(project: Path) -> None:
    """Its names are unknown until it is mended: adding the actor anew would make two."""
    actor = project / "content/actors/john-kirby.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace(
        "---\n", "---\nrole: Pentagon: Press Secretary\n", 1), encoding="utf-8")  # fmt: skip
    code, _, err = new(project, "X", "--date", "2022-03-30", "--actor", "Kirby")
    assert code == 1
    assert "unknown actor 'Kirby'" in err
    assert (
        "note: content/actors/john-kirby.md could not be read (chronicle check says why): "
        "a name it holds is unknown until it is mended"
    ) in err


def test_new_actor_writes_a_valid_actor_that_records_can_name(project: Path) -> None:
    result = chronicle(project, "new-actor", "Дмитро Кулеба", "--kind", "person",
                       "--alias", "Kuleba", "--role", "Foreign Minister of Ukraine")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/actors/dmytro-kuleba.md"
    text = (project / "content/actors/dmytro-kuleba.md").read_text(encoding="utf-8")
    assert text.startswith('---\nname: "Дмитро Кулеба"\nkind: "person"\n')
    assert "# affiliation: " in text  # optional fields as commented placeholders
    code, out, err = new(project, "Kuleba speaks", "--date", "2022-03-30", "--actor", "Kuleba")
    assert code == 0, err
    assert "actors: [dmytro-kuleba]" in (project / out).read_text(encoding="utf-8")


def test_new_actor_refuses_a_taken_name_or_alias_and_an_unknown_affiliation(project: Path) -> None:
    taken = chronicle(project, "new-actor", "Admiral Kirby", "--kind", "person", "--alias", "Kirby")
    assert taken.returncode == 1
    assert "aliases[0]: 'Kirby' already names actor 'john-kirby'" in taken.stderr
    again = chronicle(project, "new-actor", "John Kirby", "--kind", "person")
    assert again.returncode == 1
    assert "'John Kirby' already names actor 'john-kirby'" in again.stderr
    orphan = chronicle(project, "new-actor", "Jane Doe", "--kind", "person",
                       "--affiliation", "pentagn")  # fmt: skip
    assert orphan.returncode == 1
    assert "affiliation: unknown actor 'pentagn'" in orphan.stderr
    resolved = chronicle(project, "new-actor", "Jane Doe", "--kind", "person",
                         "--affiliation", "Pentagon")  # fmt: skip
    assert resolved.returncode == 0, resolved.stderr
    text = (project / "content/actors/jane-doe.md").read_text(encoding="utf-8")
    assert 'affiliation: "us-department-of-defense"' in text


def test_new_place_writes_coordinates_and_is_checked(project: Path) -> None:
    result = chronicle(project, "new-place", "Харків", "--kind", "city", "--country", "Ukraine",
                       "--lat", "49.9935", "--lon", "36.2304", "--alias", "Kharkov")  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (project / "content/places/kharkiv.md").read_text(encoding="utf-8")
    assert "latitude: 49.9935\nlongitude: 36.2304\n" in text
    assert chronicle(project, "check").returncode == 0
    bad = chronicle(project, "new-place", "Nowhere", "--kind", "site", "--lat", "91", "--lon", "0")
    assert bad.returncode == 1
    assert "latitude: expected a number from -90 to 90, found '91.0'" in bad.stderr
    half = chronicle(project, "new-place", "Nowhere", "--kind", "site", "--lat", "10")
    assert half.returncode == 1
    assert "give both --lat and --lon" in half.stderr


def test_new_topic_names_a_tag_on_the_built_site(project: Path) -> None:
    result = chronicle(project, "new-topic", "US response",
                       "--description", "What Washington said.")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/topics/us-response.md"
    text = (project / "content/topics/us-response.md").read_text(encoding="utf-8")
    assert text == '---\nname: "US response"\n---\nWhat Washington said.\n'
    code, _, err = new(project, "Kirby speaks", "--date", "2022-03-30", "--actor", "Kirby",
                       "--tag", "us-response", "--summary", "S.", "--source", "R")  # fmt: skip
    assert code == 0, err
    assert chronicle(project, "build", "--pages-only").returncode == 0
    page = (project / "build/docs/entries/kirby-speaks.md").read_text(encoding="utf-8")
    assert '<a href="../../topics/us-response/">US response</a>' in page
    by_name = chronicle(project, "new-topic", "Peace talks", "--id", "talks")
    assert by_name.returncode == 0, by_name.stderr
    code, out, err = new(project, "Talks resume", "--date", "2022-03-30", "--actor", "Kirby",
                         "--tag", "peace TALKS", "--tag", "Sanctions")  # fmt: skip
    assert code == 0, err
    assert "tags: [talks, sanctions]" in (project / out).read_text(encoding="utf-8")
    again = chronicle(project, "new-topic", "us Response", "--id", "washington")
    assert again.returncode == 1
    assert "name: 'us Response' already names topic 'us-response'" in again.stderr


@pytest.mark.parametrize("command", [("new-topic",), ("new-actor", "--kind", "person")])
def test_an_id_that_is_no_id_is_refused_before_any_file_is_made(
    project: Path, command: tuple[str, ...]
) -> None:
    before = sorted(project.rglob("*"))
    result = chronicle(project, *command, "Escape", "--id", "../../escape")
    assert result.returncode == 1
    assert "id: expected an id: lowercase words joined by hyphens, found '../../escape'" in (
        result.stderr
    )
    assert sorted(project.rglob("*")) == before


def test_a_new_entry_is_published_by_build(project: Path) -> None:
    code, _, err = new(project, "Talks in Istanbul", "--date", "2022-03-29T10:30+03:00",
                         "--actor", "Zelensky", "--summary", "Delegations met.",
                         "--source", "A news report", "--tag", "Peace talks")  # fmt: skip
    assert code == 0, err
    built = chronicle(project, "build")
    assert built.returncode == 0, built.stderr
    page = (project / "site/entries/talks-in-istanbul/index.html").read_text(encoding="utf-8")
    assert "10:30" in page and "peace-talks" in page
    day = (project / "site/timeline/2022/03/29/index.html").read_text(encoding="utf-8")
    assert "talks-in-istanbul" in day


@pytest.mark.parametrize(
    ("value", "yaml"),
    [
        ("plain", '"plain"'),
        ('quote " and \\ backslash', '"quote \\" and \\\\ backslash"'),
        ("Київ: #1", '"Київ: #1"'),
        (["a", "b: c"], '["a", "b: c"]'),
        (50.45, "50.45"),
    ],
)
def test_yaml_value_quotes_everything_an_editor_types(value: object, yaml: str) -> None:
    assert scaffold.yaml_value(value) == yaml


def test_new_refuses_a_slug_that_is_not_an_id(project: Path) -> None:
    code, _, err = new(project, "X", "--date", "2022-03-30", "--actor", "john-kirby",
                       "--slug", "Not An Id")  # fmt: skip
    assert code == 1
    assert "slug: expected an id like 'kyiv-talks', found 'Not An Id'" in err


def test_a_tag_like_a_described_topic_is_written_with_checks_warning(project: Path) -> None:
    """`--tag negotiation` (for `negotiations`) would file the entry under a topic of its
    own: `new` writes it, as `check` accepts it, but says so now rather than at review."""
    code, out, err = new(project, "Talks resume", "--date", "2022-03-30", "--actor", "Kirby",
                         "--tag", "negotiation", "--summary", "S.", "--source", "R")  # fmt: skip
    assert code == 0, err
    assert err.startswith(f"{out}:7: warning: tags[0]: topic 'negotiation' has no file "
                          "(did you mean 'negotiations'?)")  # fmt: skip
    assert "tags: [negotiation]" in (project / out).read_text(encoding="utf-8")


def test_the_project_folder_may_follow_the_command(project: Path, tmp_path: Path) -> None:
    elsewhere = chronicle(tmp_path, "check", "--root", str(project))
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert elsewhere.stdout == chronicle(project, "check").stdout
