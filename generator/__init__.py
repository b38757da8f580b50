"""Conflict Chronicle: turn Markdown article records into a static chronicle.

The package is a one-way pipeline: files -> records -> chronicle -> pages -> site.
Each stage lives in its own module; only `cli` prints and only `writer` writes.
"""

__version__ = "0.1.0"
