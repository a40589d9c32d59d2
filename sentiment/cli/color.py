"""When to colour the terminal output: ``--color auto|always|never`` and ``NO_COLOR``."""

from __future__ import annotations

import os
import sys

import click

__all__ = ["COLOR_CHOICES", "color_option", "use_color"]

COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice="auto", stream=None) -> bool:
    """Whether to colour: ``always``/``never`` as said; ``auto`` on a terminal unless ``NO_COLOR`` is set.

    ``NO_COLOR`` (https://no-color.org) counts when set to anything but the empty string.

    Examples
    --------
    >>> use_color("always"), use_color("never")
    (True, False)
    """
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR", ""):
        return False
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def color_option(fn):
    """``--color [auto|always|never]`` (a bare ``--color`` means always) and ``--no-color`` (never)."""
    fn = click.option("--no-color", "no_color", is_flag=True, help="Same as --color never.")(fn)
    return click.option("--color", "color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
                        is_flag=False, flag_value="always",
                        help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.")(fn)
