"""`make bench N=5000 [COMPARE=pelican]`: build a synthetic chronicle and print one table.

Every build runs in a fresh Python process, as an editor's `chronicle build` would,
so the times include start-up and imports and the peak memory is that build's own.
The corpus, its build and Pelican's environment live in `.bench/` (git-ignored);
Pelican is installed there, never into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import pelican_corpus, pipeline, search, synthetic
from generator.buildlock import BuildLock
from generator.progress import Progress
from generator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".bench"
CHROMIUM = "/usr/bin/chromium"
STAGES = (
    "read", "validate", "render", "write", "search", "mkdocs", "search (after MkDocs)",
    "safety scan",
)  # fmt: skip


def prepare(n: int, seed: int) -> Path:
    """Write a fresh corpus of `n` records with the project's config beside it."""
    folder = BENCH / f"n{n}"
    synthetic.write_project(folder, n, seed)
    return folder


def build_once(folder: Path, incremental: bool) -> dict[str, Any]:
    """Build `folder` in this process as `chronicle build` does; return stage seconds and
    peak memory (child side)."""
    settings = Settings(root=folder)
    progress = Progress.to(sys.stderr)
    with BuildLock(settings.docs, "the benchmark", say):
        pipeline.publish(settings, progress, clean=not incremental)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": progress.seconds, "peak_kb": own}


def timed_build(folder: Path, incremental: bool = False) -> dict[str, Any]:
    """Run `build_once` in a new interpreter; add its wall-clock time."""
    command = [sys.executable, "-m", "generator.bench", "--build-once", str(folder)]
    if incremental:
        command.append("--incremental")
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE) as process:
        peak = other = 0  # the build's processes run side by side: their memory adds up
        while process.poll() is None:
            together, largest = _tree_kb(process.pid)
            peak, other = max(peak, together), max(other, largest)
            time.sleep(0.2)
        output = process.stdout.read() if process.stdout else b""
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    result: dict[str, Any] = json.loads(output)
    result["wall"] = time.perf_counter() - start
    result["tree_peak_kb"] = peak
    result["other_peak_kb"] = other
    return result


def _tree_kb(root: int) -> tuple[int, int]:
    """Return the resident memory of a process and all its descendants, in KB (Linux),
    and that of the largest descendant.

    Sampled, not `getrusage`: a child started by `fork` counts its parent's pages as
    its own peak, so the children's peak said the main process's size.
    """
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in stat.read_text().splitlines() if ":" in line
            )
        except OSError:  # the process ended meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields.get("PPid", "0").strip() or 0)
        sizes[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    others = [sizes.get(pid, 0) for pid in tree - {root}]
    return sum(sizes.get(pid, 0) for pid in tree), max(others, default=0)


def site_sizes(site_dir: Path) -> dict[str, int]:
    """Return the number of pages and the bytes of HTML (the search index apart)."""
    pages = html = 0
    for path in site_dir.rglob("*.html"):
        if search.OUTPUT in path.relative_to(site_dir).parts:
            continue
        html += path.stat().st_size
        pages += path.name == "index.html"
    return {"pages": pages, "html_bytes": html}


def add_record(folder: Path, name: str) -> str:
    """Add one record to the corpus, as an editor would (a copy of the first, re-dated)."""
    source = min((folder / "content" / "articles").rglob("*.md"))
    text = source.read_text("utf-8")
    text = re.sub(r"^title: .*$", f'title: "An entry the benchmark added ({name})"', text,
                  count=1, flags=re.MULTILINE)  # fmt: skip
    text = re.sub(r"^date: .*$", "date: 2024-12-30", text, count=1, flags=re.MULTILINE)
    slug = f"bench-added-{name}"
    (folder / "content" / "articles" / "2024" / f"2024-12-30-{slug}.md").write_text(text, "utf-8")
    return slug


def serve_latency(folder: Path) -> tuple[float | None, float | None]:
    """Start `chronicle serve`, add a record; return the seconds until the home page is
    served, and from the save until the new record's page is (None: timed out)."""
    port = _free_port()
    command = [sys.executable, "-m", "generator", "--root", str(folder), "serve", "--port",
               str(port)]  # fmt: skip
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        if not _wait_for(base, 900):
            return None, None
        serving = time.perf_counter() - started
        start = time.perf_counter()
        slug = add_record(folder, "served")
        if not _wait_for(f"{base}entries/{slug}/", 300):
            return serving, None
        return serving, time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # loopback
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def _free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def search_payload(site_dir: Path, word: str) -> tuple[int, bool]:
    """Search `word` in Chromium; return the bytes of search files loaded and if it was found."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  # bench only

    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port := _free_port())],
        cwd=site_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    loaded: dict[str, int] = {}
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base, 30)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(base)
            page.on("response", lambda r: _note(r, loaded))
            page.fill("#cc-search-query", word)
            page.press("#cc-search-query", "Enter")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=60_000)
            found = page.locator(".pagefind-ui__result-link").count() > 0
            browser.close()
    finally:
        server.terminate()
        server.wait()
    payload = sum(n for url, n in loaded.items() if f"/{search.OUTPUT}/" in url or "search" in url)
    return payload, found


def _note(response: Any, loaded: dict[str, int]) -> None:
    """Note the bytes of a response; a redirect (the search form's /search to /search/)
    has none."""
    if not 300 <= response.status < 400:
        loaded[response.url] = len(response.body())


def pelican_seconds(folder: Path) -> float:
    """Build the converted corpus with Pelican in its own environment; return wall seconds."""
    venv = BENCH / "pelican-venv"
    if not (venv / "bin" / "pelican").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "--quiet"]
        subprocess.run([*pip, *pelican_corpus.PELICAN_REQUIREMENTS], check=True)
    command = [str(venv / "bin" / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py",
               "-q"]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, cwd=folder / "pelican", check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def table(n: int, full: dict[str, Any], sizes: dict[str, int], extra: dict[str, str]) -> str:
    """Return the results as a Markdown table, one measure a row."""
    rows = [("records", f"{n:,}"), ("pages", f"{sizes['pages']:,}")]
    rows += [(f"seconds: {s}", f"{full['seconds'].get(s, 0.0):.2f}") for s in STAGES]
    rows += [
        ("seconds: full build (wall, new process)", f"{full['wall']:.2f}"),
        ("seconds per 1,000 records", f"{full['wall'] / n * 1000:.2f}"),
        ("peak memory, MB: the build's processes together",
         f"{full['tree_peak_kb'] / 1024:.0f}"),
        ("peak memory, MB: main process; largest other (MkDocs share, worker or Pagefind)",
         f"{full['peak_kb'] / 1024:.0f}; {full['other_peak_kb'] / 1024:.0f}"),
        ("HTML bytes, total", f"{sizes['html_bytes']:,}"),
        ("HTML bytes, mean a page", f"{sizes['html_bytes'] // max(sizes['pages'], 1):,}"),
    ]  # fmt: skip
    rows += list(extra.items())
    width = max(len(k) for k, _ in rows)
    lines = [f"| {'measure':{width}} | value |", f"|{'-' * (width + 2)}|-------|"]
    return "\n".join([*lines, *(f"| {k:{width}} | {v} |" for k, v in rows)])


def _seconds(measured: float | None) -> str:
    return "timed out" if measured is None else f"{measured:.2f}"


def say(text: str) -> None:
    """Tell the person waiting which step the benchmark is on."""
    print(f"bench: {text}", file=sys.stderr, flush=True)


def run(n: int, seed: int, compare: str | None, serve: bool) -> int:
    """Run the whole benchmark and print its table (and the ratio to Pelican)."""
    say(f"writing a synthetic chronicle of {n:,} records in {BENCH}")
    folder = prepare(n, seed)
    if compare:
        pelican_corpus.convert(folder / "content", folder / "pelican")
    say("full build")
    full = timed_build(folder)
    sizes = site_sizes(folder / "site")
    extra: dict[str, str] = {}
    say("one record added, incremental rebuild")
    add_record(folder, "rebuilt")
    again = timed_build(folder, incremental=True)
    extra["seconds: rebuild after adding one record"] = (
        f"{again['wall']:.2f} ({again['wall'] / full['wall']:.0%} of the full build)"
    )
    extra["seconds: that rebuild's stages"] = ", ".join(
        f"{stage} {seconds:.1f}" for stage, seconds in again["seconds"].items()
    )
    if Path(CHROMIUM).exists():
        say("searching in Chromium")
        payload, found = search_payload(folder / "site", synthetic.marker(0))
        extra["search: bytes loaded before the first result"] = f"{payload:,}"
        extra["search: finds an entry by a word of its body"] = "yes" if found else "NO"
    if serve:
        say("chronicle serve: time until a new record is served")
        serving, latency = serve_latency(folder)
        extra["seconds: serve, started to home page served"] = _seconds(serving)
        extra["seconds: serve, new record saved to page served"] = _seconds(latency)
    pelican = None
    if compare == "pelican":
        say("Pelican build of the same corpus")
        pelican = pelican_seconds(folder)
        extra["seconds: Pelican 4.12, same corpus (wall)"] = f"{pelican:.2f}"
    print(table(n, full, sizes, extra))
    if pelican is not None:
        print(f"ratio_to_pelican={full['wall'] / pelican:.2f}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line; `--build-once` is the child process of a timed build."""
    p = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__)
    p.add_argument("--records", type=int, default=1000, help="records in the corpus (N)")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    p.add_argument("--compare", choices=("pelican",), help="also build the corpus with Pelican")
    p.add_argument("--no-serve", action="store_true", help="skip the live-preview measure")
    p.add_argument("--build-once", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.build_once:
        print(json.dumps(build_once(args.build_once, args.incremental)))
        return 0
    return run(args.records, args.seed, args.compare, not args.no_serve)


if __name__ == "__main__":
    sys.exit(main())
