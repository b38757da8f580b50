"""Rules across records: names resolve through ids and aliases, ids are unique."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import build
from generator.issues import Issue, Severity
from tests.conftest import TODAY, project_settings
from tests.helpers import MINI, article, copy_mini, write


def load(tmp: Path, files: dict[str, str]) -> tuple[build.validate.Corpus, list[Issue]]:
    content = copy_mini(tmp)
    write(content, files)
    corpus, issues, _ = build.load(project_settings(tmp, content))
    return corpus, issues


def formatted(issues: list[Issue], tmp: Path) -> list[str]:
    return [i.format(tmp / "content") for i in issues]


def test_mini_fixture_is_valid(tmp_path: Path) -> None:
    corpus, issues = load(tmp_path, {})
    assert issues == []
    assert [a.slug for a in corpus.articles] == [
        "talks-month",
        "zelenskyy-talks",
        "kirby-repositioning",
        "draft-entry",
    ]  # fmt: skip  (month-only first; on a day, untimed before timed)


def test_aliases_resolve_to_ids(tmp_path: Path) -> None:
    corpus, _ = load(tmp_path, {})
    kirby = next(a for a in corpus.articles if a.slug == "kirby-repositioning")
    assert kirby.actors == ("john-kirby", "us-department-of-defense")
    assert kirby.places == ("kyiv",)
    talks = next(a for a in corpus.articles if a.slug == "zelenskyy-talks")
    assert talks.actors == ("volodymyr-zelenskyy",)


def test_an_actor_named_by_id_then_alias_then_id_again_is_named_once(tmp_path: Path) -> None:
    """Names written over time repeat one actor: the entry must not be listed, counted
    and charted twice on the actor's page, nor carry the actor twice in its feeds."""
    files = {"articles/2022/2022-03-29-x.md": article(actors="[john-kirby, Kirby, john-kirby]")}
    corpus, issues = load(tmp_path, files)
    assert issues == []
    (entry,) = [a for a in corpus.articles if a.slug == "x"]
    assert entry.actors == ("john-kirby",)


def test_unknown_actor_suggests_the_closest_id(tmp_path: Path) -> None:
    _, issues = load(
        tmp_path, {"articles/2022/2022-03-29-typo.md": article(actors="[john-kirby, kirbi]")}
    )
    assert formatted(issues, tmp_path) == [
        "articles/2022/2022-03-29-typo.md:5: actors[1]: unknown actor 'kirbi' "
        "(did you mean 'john-kirby'?)"
    ]


def test_unknown_speaker_and_place_are_reported(tmp_path: Path) -> None:
    extra = "places: [Atlantis]\nquotes:\n  - id: qa\n    by: nobody\n    text: Hello\n"
    _, issues = load(tmp_path, {"articles/2022/2022-03-29-x.md": article(extra=extra)})
    assert [(i.line, i.field, i.message) for i in issues] == [
        (11, "quotes[0].by", "unknown actor 'nobody'"),
        (8, "places[0]", "unknown place 'Atlantis'"),
    ]


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    _, issues = load(
        tmp_path, {"articles/2023/2023-01-01-zelenskyy-talks.md": article(date="2023-01-01")}
    )
    # Which of the two was added last is the editor's to say: each is told of the other.
    told = {i.path.name: i.message for i in issues}
    assert sorted(told) == ["2022-03-29-zelenskyy-talks.md", "2023-01-01-zelenskyy-talks.md"]
    for name, message in told.items():
        other = next(n for n in told if n != name)
        assert message.startswith(
            "the file name gives the entry id 'zelenskyy-talks', also used by "
            f"content/articles/{other[:4]}/{other};"
        )


def test_responses_must_point_at_existing_quotes(tmp_path: Path) -> None:
    extra = (
        "quotes:\n  - id: qb\n"
        "    by: john-kirby\n    text: No\n    responds_to: zelenskyy-talks#nope\n"
    )
    _, issues = load(tmp_path, {"articles/2022/2022-03-29-x.md": article(extra=extra)})
    assert [i.message for i in issues] == [
        "entry 'zelenskyy-talks' has no quote with id 'nope' (its quotes: distrust)"  # to pick from
    ]


def test_a_mistyped_response_is_told_the_near_miss(tmp_path: Path) -> None:
    extra = (
        "quotes:\n  - id: qc\n"
        "    by: john-kirby\n    text: No\n    responds_to: zelensky-talks#distrust\n"
        "  - id: qd\n    by: john-kirby\n    text: No\n    responds_to: zelenskyy-talks#distrusts\n"
    )
    _, issues = load(tmp_path, {"articles/2022/2022-03-29-x.md": article(extra=extra)})
    assert [i.message for i in issues] == [
        "no entry with id 'zelensky-talks' (did you mean 'zelenskyy-talks'?)",
        "entry 'zelenskyy-talks' has no quote with id 'distrusts' (did you mean 'distrust'?)",
    ]


def test_a_statement_cannot_answer_itself_or_its_own_answer(tmp_path: Path) -> None:
    own = "quotes:\n  - id: a\n    by: john-kirby\n    text: No\n    responds_to: x#a\n"
    ring = "quotes:\n  - id: b\n    by: john-kirby\n    text: No\n    responds_to: z#c\n"
    back = "quotes:\n  - id: c\n    by: john-kirby\n    text: No\n    responds_to: y#b\n"
    files = {
        "articles/2022/2022-03-29-x.md": article(extra=own),
        "articles/2022/2022-03-29-y.md": article(extra=ring),
        "articles/2022/2022-03-29-z.md": article(extra=back),
    }
    _, issues = load(tmp_path, files)
    ring = (
        "answers this statement in turn, directly or through others: one of them has to come first"
    )
    assert [(i.path.name, i.field, i.message) for i in issues] == [
        ("2022-03-29-x.md", "quotes[0].responds_to", "a statement cannot answer itself"),
        ("2022-03-29-y.md", "quotes[0].responds_to", f"z#c {ring}"),
        ("2022-03-29-z.md", "quotes[0].responds_to", f"y#b {ring}"),
    ]


def test_an_answer_dated_before_what_it_answers_is_a_warning(tmp_path: Path) -> None:
    extra = (
        "quotes:\n  - id: qe\n"
        "    by: john-kirby\n    text: No\n    responds_to: zelenskyy-talks#distrust\n"
    )
    files = {"articles/2022/2022-03-28-x.md": article(date="2022-03-28", extra=extra)}
    _, issues = load(tmp_path, files)
    assert [(i.severity, i.message) for i in issues] == [
        (Severity.WARNING, "answers a statement of 29 March 2022, after this one (28 March "
                           "2022): check the dates, or which statement it answers"),
    ]  # fmt: skip
    files = {"articles/2022/2022-03-x.md": article(date="2022-03", extra=extra)}
    assert load(tmp_path / "month", files)[1] == []  # a month is not before its own days


def test_answers_across_midnight_are_compared_by_their_moments(tmp_path: Path) -> None:
    """23:30 in New York answers 01:00 in Kyiv, six and a half hours later in UTC."""
    said = "quotes:\n  - id: s\n    by: john-kirby\n    text: Yes\n"
    answer = "quotes:\n  - id: qf\n    by: john-kirby\n    text: No\n    responds_to: said#s\n"
    files = {
        "articles/2022/2022-03-30-said.md": article(date="2022-03-30T01:00+03:00", extra=said),
        "articles/2022/2022-03-29-answer.md": article(date="2022-03-29T23:30-05:00", extra=answer),
    }
    assert load(tmp_path, files)[1] == []
    files["articles/2022/2022-03-29-answer.md"] = article(date="2022-03-29T16:30-05:00",
                                                          extra=answer)  # fmt: skip
    _, issues = load(tmp_path / "before", files)
    assert [i.message.split(":")[0] for i in issues] == ["answers a statement of 30 March 2022, 01"]


def test_two_topic_files_without_names_are_not_told_they_share_one(tmp_path: Path) -> None:
    files = {"topics/a.md": "---\n---\n", "topics/b.md": "---\n---\n"}
    _, issues = load(tmp_path, files)
    assert [(i.path.name, i.message) for i in issues] == [
        ("a.md", "required field is missing"),
        ("b.md", "required field is missing"),
    ]


def test_publication_is_after_the_event_and_before_updates_and_today(tmp_path: Path) -> None:
    files = {
        "articles/2022/2022-03-29-a.md": article(extra="published: 2022-03-28\n"),
        "articles/2022/2022-03-29-b.md": article(extra="published: 2022-04-02\n"
                                                      "updated: 2022-04-01\n"),
        "articles/2022/2022-03-29-c.md": article(extra="published: 2099-01-01\n"),
        "articles/2022/2022-03-29-d.md": article(extra="published: 2022-04-02\n"),
    }  # fmt: skip
    _, issues = load(tmp_path, files)
    assert [(i.path.name, i.field, i.message) for i in issues] == [
        ("2022-03-29-a.md", "published", "2022-03-28 is before the event (2022-03-29)"),
        ("2022-03-29-b.md", "updated",
         "2022-04-01 is before the entry was published (2022-04-02)"),
        ("2022-03-29-c.md", "published", "2099-01-01 is in the future"),
    ]  # fmt: skip


def test_publication_and_update_on_the_events_own_day_are_fine(tmp_path: Path) -> None:
    """An entry written the day it happened is the common case: "not before the event"
    and "not before publication" include the day itself."""
    extra = "published: 2022-03-29\nupdated: 2022-03-29\n"
    files = {"articles/2022/2022-03-29-x.md": article(extra=extra)}
    assert load(tmp_path, files)[1] == []


def test_one_run_reports_every_error_of_a_record(tmp_path: Path) -> None:
    """An error in one field must not hide the rules across records: an editor fixing
    errors one run at a time would find them in waves."""
    extra = (
        "tags: [us-reponse]\nupdated: 2022-03-01\nquotes:\n"
        "  - id: qg\n    by: john-kirby\n    text: No\n    stance: Denial\n"
        "  - id: qh\n    by: nobody\n    text: Hi\n    responds_to: nowhere#x\n"
    )
    files = {
        "articles/2022/2022-03-29-x.md": article(extra=extra),
        "actors/fake.md": "---\nname: Fake\nkind: soldier\naliases: [Kirby]\n"
        "affiliation: pentagonn\n---\n",
    }
    _, issues = load(tmp_path, files)
    assert sorted((i.path.name, i.field) for i in issues if i.severity is Severity.ERROR) == [
        ("2022-03-29-kirby-repositioning.md", "actors[0]"),  # 'Kirby' now names two
        ("2022-03-29-x.md", "quotes[0].stance"),
        ("2022-03-29-x.md", "quotes[1].by"),
        ("2022-03-29-x.md", "quotes[1].responds_to"),
        ("2022-03-29-x.md", "updated"),
        ("fake.md", "affiliation"),
        ("fake.md", "aliases[0]"),
        ("fake.md", "kind"),
        ("john-kirby.md", "aliases[0]"),
    ]
    assert all(i.line for i in issues)  # each on its line, the alias clash too


def test_tomorrow_is_today_somewhere_the_day_after_is_the_future(tmp_path: Path) -> None:
    """CI runs on UTC; an editor east of it may already be on the next day."""
    tomorrow, after = TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=2)
    files = {
        f"articles/{d.year}/{d.isoformat()}-x{i}.md": article(date=d.isoformat())
        for i, d in enumerate((tomorrow, after))
    }
    _, issues = load(tmp_path, files)
    assert [i.message for i in issues] == [
        f"{after.isoformat()} is in the future; record events that happened"
    ]


def test_future_dates_are_errors(tmp_path: Path) -> None:
    _, issues = load(tmp_path, {"articles/2030/2030-01-01-x.md": article(date="2030-01-01")})
    assert [i.message for i in issues] == [
        "2030-01-01 is in the future; record events that happened"
    ]


def test_alias_claimed_by_two_actors(tmp_path: Path) -> None:
    actor = "---\nname: Someone\nkind: person\naliases: [Kirby]\n---\n"
    _, issues = load(tmp_path, {"actors/someone.md": actor})
    # Which of the two had it first is not for the registry to guess: both are told, and
    # a record naming "Kirby" is told that it names two actors.
    assert [(i.path.name, i.message) for i in issues] == [
        ("john-kirby.md", "alias 'Kirby' is also an alias of actor 'someone'"),
        ("someone.md", "alias 'Kirby' is also an alias of actor 'john-kirby'"),
        ("2022-03-29-kirby-repositioning.md",
         "'Kirby' names 2 actors, 'john-kirby' and 'someone': write the id of one"),
    ]  # fmt: skip


def test_affiliation_must_be_an_actor(tmp_path: Path) -> None:
    actor = "---\nname: Someone\nkind: person\naffiliation: nato\n---\n"
    _, issues = load(tmp_path, {"actors/someone.md": actor})
    assert [(i.line, i.field, i.message) for i in issues] == [
        (4, "affiliation", "unknown actor 'nato'")
    ]


def test_answering_a_draft_is_a_warning(tmp_path: Path) -> None:
    draft = article(extra="quotes:\n  - id: d\n    by: john-kirby\n    text: Said\ndraft: true\n")
    answer = article(
        extra="quotes:\n  - id: qi\n"
        "    by: volodymyr-zelenskyy\n    text: No\n    responds_to: draft-q#d\n"
    )
    _, issues = load(
        tmp_path,
        {"articles/2022/2022-03-29-draft-q.md": draft, "articles/2022/2022-03-29-a.md": answer},
    )
    assert [(i.severity.value, i.field) for i in issues] == [("warning", "quotes[0].responds_to")]
    assert "'draft-q' is a draft" in issues[0].message


def test_updates_corrections_and_sources_are_not_dated_in_the_future_or_too_early(
    tmp_path: Path,
) -> None:
    """A typo there (2202 for 2022) would date the feeds and the build to it."""
    extra = (
        "    published: 2202-03-30\nupdated: 2202-04-01\n"
        "corrections:\n  - date: 2022-03-01\n    text: An earlier fix.\n"
    )
    _, issues = load(tmp_path, {"articles/2022/2022-03-29-x.md": article(extra=extra)})
    assert sorted((i.line, i.field, i.message) for i in issues) == [
        (8, "sources[0].published", "2202-03-30 is in the future"),
        (9, "updated", "2202-04-01 is in the future"),
        (11, "corrections[0].date", "2022-03-01 is before the event (2022-03-29)"),
    ]


def test_a_tag_like_a_described_topic_and_two_topics_of_one_name_are_warnings(
    tmp_path: Path,
) -> None:
    """The mini chronicle describes `negotiations`; `negotiaitons` is a typo of it, and
    `sanctions`, a new topic with no file, is fine."""
    files = {
        "articles/2022/2022-03-29-typo.md": article(extra="tags: [negotiaitons, sanctions]\n"),
        "topics/talks.md": "---\nname: talks & CEASEFIRE <proposals>\n---\n",
    }
    _, issues = load(tmp_path, files)
    assert formatted(issues, tmp_path) == [
        "topics/talks.md:2: warning: name: 'talks & CEASEFIRE <proposals>' is also the name of "
        "topic 'negotiations'; name them apart",
        "articles/2022/2022-03-29-typo.md:8: warning: tags[0]: topic 'negotiaitons' has no file "
        "(did you mean 'negotiations'?)",
    ]


def test_an_id_two_files_give_is_an_error_in_both(tmp_path: Path) -> None:
    """`actors/us/john-kirby.md` beside `actors/john-kirby.md`: one would stand in for
    the other without a word."""
    kirby = (MINI / "actors" / "john-kirby.md").read_text(encoding="utf-8")
    _, issues = load(tmp_path, {"actors/us/john-kirby.md": kirby})
    advice = ": merge the two files, or rename one and change the records that name it"
    assert formatted(issues, tmp_path) == [
        "actors/john-kirby.md:2: actor id 'john-kirby' is also the id of "
        "content/actors/us/john-kirby.md" + advice,
        "actors/us/john-kirby.md:2: actor id 'john-kirby' is also the id of "
        "content/actors/john-kirby.md" + advice,
    ]


def test_a_record_that_cannot_be_read_is_told_once_not_in_every_file_naming_it(
    tmp_path: Path,
) -> None:
    """An unquoted colon breaks an actor's file: the entries naming it by id are not told
    it is unknown (the file's own error is the one to mend), one naming it by an alias is
    told which file may hold it, and an answer to an entry that cannot be read is not
    told there is no such entry."""
    actor = (MINI / "actors" / "volodymyr-zelenskyy.md").read_text(encoding="utf-8")
    entry = (MINI / "articles" / "2022" / "2022-03-29-zelenskyy-talks.md").read_text("utf-8")
    broken = {
        "actors/volodymyr-zelenskyy.md": actor.replace(
            "---\n", "---\nrole: President: Ukraine\n", 1
        ),
        "articles/2022/2022-03-29-zelenskyy-talks.md": entry.replace("\n---\n", "\n\x01\n---\n", 1),
        "articles/2022/2022-03-29-x.md": article(actors="[Zelensky]"),
    }
    _, issues = load(tmp_path, broken)
    told = sorted((i.path.name, i.field, i.message) for i in issues)
    assert [(name, field) for name, field, _ in told] == [
        ("2022-03-29-x.md", "actors[0]"),
        ("2022-03-29-zelenskyy-talks.md", ""),
        ("volodymyr-zelenskyy.md", ""),
    ]
    assert told[0][2] == (
        "unknown actor 'Zelensky', unless content/actors/volodymyr-zelenskyy.md names it "
        "(it could not be read)"
    )


def test_names_written_without_brackets_are_told_to_make_a_list(tmp_path: Path) -> None:
    """`actors: john-kirby, Pentagon` is one text in YAML, not two names."""
    files = {"articles/2022/2022-03-29-x.md": article(actors="john-kirby, Pentagon")}
    _, issues = load(tmp_path, files)
    assert [i.message for i in issues] == [
        "unknown actor 'john-kirby, Pentagon': to name several, write [john-kirby, Pentagon]"
    ]


def test_a_statement_without_a_speaker_is_told_so_once(tmp_path: Path) -> None:
    extra = (
        "quotes:\n  - id: said\n    by:\n    text: Hello\n"
        "  - id: both\n    by: [a, b]\n    text: Hi\n"
    )
    _, issues = load(tmp_path, {"articles/2022/2022-03-29-x.md": article(extra=extra)})
    assert [(i.field, i.message) for i in issues] == [
        ("quotes[0].by", "required field is empty"),
        ("quotes[1].by", "expected text, found a list"),
    ]
