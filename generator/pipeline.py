"""The whole build: pages from the content, then the site from the pages.

`chronicle build` runs it, and so does `make bench`, which measures what editors
run, with the same staging, search index, build time stamp and lock, not a copy
of it that could drift.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

from generator import build, collector, incremental_site, navshare, site
from generator.progress import Progress
from generator.settings import Settings


def publish(
    settings: Settings,
    progress: Progress,
    clean: bool = False,
    generated: Callable[[build.Result], None] = lambda result: None,
) -> build.Result:
    """Generate the docs folder and build the site from it, as `chronicle build` does.

    The caller holds the build folder's lock (`buildlock`). `clean` renders every page
    and builds the whole site, trusting nothing earlier builds kept; otherwise only what
    changed is (`pagecache`, `incremental_site`). `generated` hears about the
    generator's run before MkDocs starts, so its report comes while the site is still
    being built.
    Raises what `build.generate` and `site.build_site` raise; the published site then
    stays as it was.
    """
    collector.for_a_build()
    if clean:  # nothing kept beside the docs is trusted, compiled templates least of all
        shutil.rmtree(navshare.compiled_folder(settings.docs), ignore_errors=True)
    # The published site is linked into the staging folder for a rebuild while the
    # generator runs (`Staging`).
    with incremental_site.Staging(settings, incremental=not clean) as staging:
        result = build.generate(
            settings, progress, reuse=not clean, index=True, yield_to_index=True
        )
        try:
            generated(result)
            site.build_site(
                settings,
                progress,
                incremental=not clean,
                epoch=site.content_epoch(result.chronicle),
                indexer=result.indexer,
                staging=staging,
            )
        except BaseException:  # stopped before `build_site` took the index over, too
            if result.indexer is not None:
                result.indexer.cancel()
            raise
    return result
