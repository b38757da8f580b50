"""Conflict Chronicle: turn Markdown article records into a static chronicle.

The package is a one-way pipeline: files -> records -> chronicle -> pages -> site.
Each stage lives in its own module. Only the commands print (`cli`, and `bench` for
`make bench`); pages are written by `writer` alone, changed files only.
"""

__version__ = "0.1.0"
