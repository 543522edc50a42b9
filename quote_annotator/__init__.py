"""The application shell: the version, the ``quote-annotator`` command and its icon.

This package sits above ``ui`` and ``cli`` (as ``app.py`` does) and is what an
installed wheel or a bundle starts. ``__version__`` is the one place the version
is written: ``pyproject.toml`` reads it at build time, ``--version`` prints it.
"""

__version__ = "0.1.0"
