"""Material's navigation, rendered once for all pages that show it alike.

Material renders its whole navigation (sidebar and tabs) into every page: a third of
its time a page. On a page the navigation does not list (a day, an entry, an actor:
the nav is a fixed handful of sections), nothing in it is active and it differs from
page to page only by its links, which are relative to the page; `shared_partial`
renders it once for all pages whose links come out the same. Our partials
(site_config/overrides/partials/nav.html, tabs.html) call it on the theme's own
templates, which stay reachable as `theme/<name>`, so the HTML is the theme's
(tested byte for byte against a build with the theme's partials).

The same goes for the theme's blocks that differ from page to page only by their
links to the site's root (`shared_block`, called by site_config/overrides/main.html).

MkDocs' side of this is `on_env` in site_config/hooks.py, which calls `prepare`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url

from generator import paths

THEME_PREFIX = "theme/"  # names the theme's own template under one we override


def prepare(env: Environment, config: Any) -> Environment:
    """Let our partials include the theme's template of the same name, and share renderings.

    The theme's own templates stay reachable as `theme/<name>`, so an override can wrap
    the original instead of copying it. Each build gets its own store of renderings.
    The theme's templates are compiled once and kept beside the docs folder (a quarter
    of a second in every build and every preview rebuild); Jinja checks each against
    its source before using it.
    """
    compiled = compiled_folder(Path(config.docs_dir))
    compiled.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
    custom = config.theme.custom_dir
    originals = FileSystemLoader([d for d in config.theme.dirs if d != custom])
    loaders = [env.loader] if env.loader is not None else []
    env.loader = ChoiceLoader([*loaders, PrefixLoader({THEME_PREFIX.rstrip("/"): originals})])
    env.globals["cc_shared_partial"] = shared_partial({})
    env.globals["cc_shared_block"] = shared_block({})
    return env


def compiled_folder(docs: Path) -> Path:
    """Return where the theme's compiled templates are kept, beside the docs folder.

    They are code: Jinja runs a file it finds there for a template whose source matches
    the checksum inside it, which anyone can compute. A clean build, the one CI
    publishes, empties the folder first (`pipeline.publish`): a cache committed into a
    pull request would otherwise run in it.
    """
    return paths.beside(docs, "-templates")


def shared_partial(store: dict[tuple[str, ...], Markup]) -> Callable[..., Markup]:
    """Return a template function rendering a theme partial once for pages that share it.

    `{{ cc_shared_partial("partials/nav.html") }}` renders the theme's template as its
    `{% include %}` would (with the page's context); a page whose navigation shows no
    active item reuses the rendering of an earlier page whose navigation links are the
    same. Any other page is rendered as usual.
    """

    @pass_context
    def render(context: Context, name: str) -> Markup:
        key = _links_key(context)
        if key is not None and (name, *key) in store:
            return store[(name, *key)]
        template = context.environment.get_template(THEME_PREFIX + name)
        parts = template.root_render_func(template.new_context(context.get_all(), True))
        html = Markup(context.environment.concat(parts))
        if key is not None:
            store[(name, *key)] = html
        return html

    return render


def shared_block(store: dict[tuple[object, ...], Markup]) -> Callable[..., Markup]:
    """Return a template function rendering a theme block once for pages at one depth.

    `{% block config %}{{ cc_shared_block("config", super) }}{% endblock %}` renders
    the theme's block (`super`) for the first page whose links to the site's root come
    out the same, and hands later ones that rendering. For blocks that read the page
    only to make links relative to it (the stylesheets, the scripts, the settings for
    Material's scripts): a sixth of Material's time a page.
    """

    @pass_context
    def render(context: Context, name: str, block: Callable[[], str]) -> Markup:
        key = (name, str(context.get("base_url")), context.get("page") is None)
        if key not in store:
            store[key] = Markup(block())
        return store[key]

    return render


def _links_key(context: Context) -> tuple[str, ...] | None:
    """Return the navigation's links as this page writes them, and which of its items are
    active (the section `section_of` marks); None for a page the navigation lists, which
    Material renders with the page's own table of contents."""
    nav, page, config = context.get("nav"), context.get("page"), context.get("config")
    if not isinstance(nav, Navigation) or page is None or config is None:
        return None
    items = list(_walk(nav.items))
    if any(item is page for item in items):
        return None
    extra = config.extra or {}
    links = [".", config.theme.get("logo") or "", extra.get("homepage") or ""]
    links += [item.url for item in items if getattr(item, "url", None) is not None]
    active = [f"active:{i}" for i, item in enumerate(items) if getattr(item, "active", False)]
    return (*(normalize_url(str(link), page) for link in links if link), *active)


SECTION_OF = {"entries": "timeline"}  # an entry's page belongs to the timeline's tab


def section_of(nav: Navigation, page: Any) -> Any | None:
    """Return the top-level item of the navigation a page it does not list belongs under.

    An actor's, a day's or an entry's page is not in the navigation (it would grow with
    the chronicle), so Material marked no tab on them and a reader could not see where
    they were. The section is the one whose address starts the page's (`actors/...`
    under Actors; entries under Timeline); MkDocs' hook marks it active while the page
    renders. None for a page the navigation lists, whose own items Material marks.
    """
    if any(item is page for item in _walk(nav.items)):
        return None
    first = page.url.split("/", 1)[0]
    first = SECTION_OF.get(first, first)
    for item in nav.items:
        url = getattr(item, "url", None)
        if first and url and url.split("/", 1)[0] == first:
            return item
    return None


def _walk(items: list[Any]) -> Iterator[Any]:
    """Yield every item of the navigation, sections' children after their section."""
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
