"""Small inline SVG charts drawn by our own code: no matplotlib, nothing fetched.

A :class:`Chart` maps data coordinates to a fixed-size SVG with axes, ticks
and labels; lines, points, bars and notes are added in data units.  The
markup is plain SVG 1.1 that any browser draws offline.

Examples
--------
>>> c = Chart("ROC", xlabel="false positive rate", ylabel="true positive rate")
>>> c.line([0, 0.5, 1], [0, 0.8, 1], cls="curve")
>>> c.point(0.2, 0.7, label="threshold 0.5")
>>> svg = c.svg()
>>> svg.startswith("<svg") and "threshold 0.5" in svg and svg.count("<polyline") == 1
True
"""

from __future__ import annotations

from sentiment.reports.markup import escape

__all__ = ["Chart"]


def _num(v: float) -> str:
    return f"{v:.1f}"


class Chart:
    """An x–y chart in an SVG of ``width`` × ``height`` pixels.

    Parameters
    ----------
    title, xlabel, ylabel
        Text drawn above and beside the axes.
    xlim, ylim
        Data ranges of the axes (default the unit square).
    """

    def __init__(self, title, xlabel="", ylabel="", xlim=(0.0, 1.0), ylim=(0.0, 1.0), width=340, height=300,
                 xticks=None):
        self.title, self.xlabel, self.ylabel = title, xlabel, ylabel
        self.xlim, self.ylim = xlim, ylim
        self.width, self.height = width, height
        self.left, self.right, self.top, self.bottom = 52, 14, 30, 44
        self.xticks = xticks
        self.items: list[str] = []

    def x(self, v):
        lo, hi = self.xlim
        return self.left + (v - lo) / ((hi - lo) or 1) * (self.width - self.left - self.right)

    def y(self, v):
        lo, hi = self.ylim
        return self.height - self.bottom - (v - lo) / ((hi - lo) or 1) * (self.height - self.top - self.bottom)

    def line(self, xs, ys, cls="curve", step=False, title=None):
        """A polyline through the points (a post-step line when ``step``)."""
        pts = []
        prev = None
        for a, b in zip(xs, ys):
            if step and prev is not None:
                pts.append((self.x(a), self.y(prev)))
            pts.append((self.x(a), self.y(b)))
            prev = b
        tip = f"<title>{escape(title)}</title>" if title else ""
        self.items.append(f'<polyline class="{cls}" fill="none" points="'
                          + " ".join(f"{_num(a)},{_num(b)}" for a, b in pts) + f'">{tip}</polyline>')

    def point(self, xv, yv, label=None, cls="marker", title=None, r=4.5):
        """A dot, with a text label beside it and a hover title."""
        tip = f"<title>{escape(title or label or '')}</title>"
        self.items.append(f'<circle class="{cls}" cx="{_num(self.x(xv))}" cy="{_num(self.y(yv))}" r="{r}">{tip}</circle>')
        if label:
            anchor = "end" if xv > (self.xlim[0] + self.xlim[1]) / 2 else "start"
            dx = -8 if anchor == "end" else 8
            self.items.append(f'<text class="note" x="{_num(self.x(xv) + dx)}" y="{_num(self.y(yv) + 4)}" '
                              f'text-anchor="{anchor}">{escape(label)}</text>')

    def bar(self, x0, x1, height, cls="bar", title=None, label=None):
        """A bar from ``y = ylim[0]`` up to ``height`` between ``x0`` and ``x1``, its label above it."""
        top, base = self.y(height), self.y(self.ylim[0])
        tip = f"<title>{escape(title)}</title>" if title else ""
        self.items.append(f'<rect class="{cls}" x="{_num(self.x(x0))}" y="{_num(top)}" '
                          f'width="{_num(self.x(x1) - self.x(x0))}" height="{_num(base - top)}">{tip}</rect>')
        if label:
            self.items.append(f'<text class="note" x="{_num((self.x(x0) + self.x(x1)) / 2)}" y="{_num(top - 4)}" '
                              f'text-anchor="middle">{escape(label)}</text>')

    def text(self, xv, yv, s, anchor="middle", cls="note"):
        self.items.append(f'<text class="{cls}" x="{_num(self.x(xv))}" y="{_num(self.y(yv))}" '
                          f'text-anchor="{anchor}">{escape(s)}</text>')

    def _ticks(self, lo, hi):
        return [lo + (hi - lo) * k / 4 for k in range(5)]

    def svg(self) -> str:
        w, h = self.width, self.height
        x0, x1 = self.x(self.xlim[0]), self.x(self.xlim[1])
        y0, y1 = self.y(self.ylim[0]), self.y(self.ylim[1])
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w}" height="{h}" '
                 f'viewBox="0 0 {w} {h}" role="img" aria-label="{escape(self.title)}">',
                 f'<text class="title" x="{w / 2:.1f}" y="18" text-anchor="middle">{escape(self.title)}</text>',
                 f'<rect class="frame" x="{_num(x0)}" y="{_num(y1)}" width="{_num(x1 - x0)}" height="{_num(y0 - y1)}"/>']
        xticks = self.xticks or [(v, f"{v:g}") for v in self._ticks(*self.xlim)]
        for v, s in xticks:
            parts.append(f'<line class="grid" x1="{_num(self.x(v))}" x2="{_num(self.x(v))}" y1="{_num(y0)}" y2="{_num(y1)}"/>'
                         f'<text class="tick" x="{_num(self.x(v))}" y="{_num(y0 + 14)}" text-anchor="middle">{escape(s)}</text>')
        for v in self._ticks(*self.ylim):
            parts.append(f'<line class="grid" x1="{_num(x0)}" x2="{_num(x1)}" y1="{_num(self.y(v))}" y2="{_num(self.y(v))}"/>'
                         f'<text class="tick" x="{_num(x0 - 5)}" y="{_num(self.y(v) + 4)}" text-anchor="end">{v:g}</text>')
        parts.append(f'<text class="axis" x="{_num((x0 + x1) / 2)}" y="{h - 8}" text-anchor="middle">{escape(self.xlabel)}</text>')
        parts.append(f'<text class="axis" transform="translate(13 {_num((y0 + y1) / 2)}) rotate(-90)" '
                     f'text-anchor="middle">{escape(self.ylabel)}</text>')
        parts += self.items
        parts.append("</svg>")
        return "".join(parts)
