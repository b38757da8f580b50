"""Conflict Chronicle: turn Markdown article records into a static chronicle.

The package is a one-way pipeline: files -> records -> chronicle -> pages -> site.
Each stage lives in its own module. Only the commands print (`cli`; `bench` for
`make bench`; `linktree`, run as a process of its own); pages are written by `writer`
alone, changed files only. The version is the installed distribution's
(`chronicle --version`), written once, in pyproject.toml.
"""
