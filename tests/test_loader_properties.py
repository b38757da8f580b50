"""Property tests: whatever a record file holds, the loader keeps it or reports why; no crash."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hostile import BASE
from hostile import hostile_tree as tree_with
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import build
from generator.issues import Severity
from generator.settings import Settings

FIELDS = ["title", "date", "summary", "actors", "places", "tags", "sources", "quotes", "draft",
          "updated", "corrections", "slug", "content", "handler", "name", "url", "by"]  # fmt: skip
MARKDOWN = "[]()<>*_`#>-!:|{}&;\\/\"'=\n\t  abcXYZ19Ωя\u200b\u2028\x00\x85\ud7ff"

scalars = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "2022-03-29",
            "2022-03",
            "1899-01-01",
            "2999-01-01",
            "NO",
            "1:30",
            "alice-example",
            "Bob",
            "https://example.org",
            "javascript:x",
            "true",
            "<script>x</script>",
            "{: onclick=x }",
            "q1",
            "claim",
        ]
    ),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=12,
)
front_matters = st.dictionaries(st.sampled_from(FIELDS), values, max_size=10)
bodies = st.text(alphabet=st.sampled_from(list(MARKDOWN)), max_size=400)


def load(record: bytes) -> None:
    """Load a content tree holding `record`: no exception, and a record without errors is kept."""
    with tempfile.TemporaryDirectory() as tmp:
        root = tree_with(Path(tmp), [])
        path = root / "content" / "articles" / "2022-03-05-random.md"
        path.write_bytes(record)
        settings_ = Settings(root=root, today=dt.date(2026, 1, 1))
        corpus, issues, rendered = build.load(settings_)
        accepted = any(a.source_path == path for a in corpus.articles)
        errors = [i for i in issues if i.path == path and i.severity is Severity.ERROR]
        if not errors:  # nothing is dropped silently
            assert accepted, issues
            assert "random" in rendered
        # The valid base records are never lost because of a bad neighbour.
        assert {a.slug for a in corpus.articles} >= {"base"}


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(front_matters, bodies)
def test_any_yaml_front_matter_and_body(front: dict[str, object], body: str) -> None:
    text = yaml.safe_dump(front, allow_unicode=True, default_flow_style=None)
    load(f"---\n{text}---\n{body}".encode("utf-8", "surrogatepass"))


@PROPERTY
@given(st.text(max_size=300), bodies)
def test_any_text_between_the_markers(front: str, body: str) -> None:
    load(f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))


@PROPERTY
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    load(data)


@PROPERTY
@given(bodies)
def test_any_body_on_a_valid_record(body: str) -> None:
    head = (BASE / "articles" / "2022" / "2022-03-01-base.md").read_text(encoding="utf-8")
    front = head.split("---\n")[1]
    load(f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass"))
