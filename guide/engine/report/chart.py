"""Each symptom's outcomes over time, drawn by matplotlib as inline SVG.

matplotlib rather than a JavaScript chart library: it draws on the machine
that makes the report, so the HTML stays one static file with no script to
vendor or keep up to date, opens offline and prints. Text is kept as SVG text
(``svg.fonttype = none``) so the browser sets Japanese in its own fonts.
Install with ``pip install 'guide[report]'``.
"""

from __future__ import annotations

import io
import re
import warnings
from datetime import datetime, timezone

from guide.engine.errors import GuideError

OUTCOMES = ("resolved", "escalated", "abandoned", "left", "open")
CJK_FONTS = ("Noto Sans CJK JP", "IPAexGothic", "IPAGothic", "TakaoGothic")
COLOURS = {"resolved": "#2e7d32", "escalated": "#f9a825", "abandoned": "#c62828", "left": "#6d4c41",
           "open": "#90a4ae"}


def bucket_seconds(since: int, until: int) -> int:
    """Hours for a period of up to two days, days up to 120 days, else weeks."""
    span = max(until - since, 1)
    if span <= 2 * 86400:
        return 3600
    return 86400 if span <= 120 * 86400 else 7 * 86400


def outcomes_svg(symptom: str, series: dict[str, dict[int, int]], bucket: int, labels: dict[str, str]) -> str:
    """A stacked bar chart of one symptom's outcomes per time bucket, as an ``<svg>`` element."""
    try:
        import matplotlib
        from matplotlib.figure import Figure  # a Figure draws without pyplot or a GUI backend
    except ImportError:
        raise GuideError("the HTML report draws charts with matplotlib: pip install 'guide[report]'") from None
    settings = {"svg.fonttype": "none", "svg.hashsalt": "guide-report",  # text stays text; same data, same file
                "font.family": _fonts()}
    with matplotlib.rc_context(settings):
        return _draw(Figure, symptom, series, bucket, labels)


def _fonts() -> list[str]:
    """A CJK font to measure Japanese labels with, when one is installed (the browser draws the text)."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in installed] + ["DejaVu Sans"]


def _draw(Figure, symptom: str, series: dict[str, dict[int, int]], bucket: int, labels: dict[str, str]) -> str:
    """Stacked bars per bucket, legend to the right, saved as SVG text."""
    buckets = sorted({moment for counts in series.values() for moment in counts})
    figure = Figure(figsize=(5.8, 2.3), dpi=96)
    axes = figure.add_subplot()
    times = [datetime.fromtimestamp(moment, timezone.utc) for moment in buckets]
    width = bucket / 86400 * 0.9
    bottom = [0] * len(buckets)
    for outcome in OUTCOMES:
        counts = [series.get(outcome, {}).get(moment, 0) for moment in buckets]
        if any(counts):
            axes.bar(times, counts, width=width, bottom=bottom, color=COLOURS[outcome],
                     label=labels.get(outcome, outcome), align="edge")
            bottom = [b + c for b, c in zip(bottom, counts)]
    axes.set_title(symptom, loc="left", fontsize=10)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    out = io.StringIO()
    with warnings.catch_warnings():  # "font not found" / "glyph missing": only the layout's estimate suffers
        warnings.simplefilter("ignore", UserWarning)
        figure.tight_layout()
        figure.savefig(out, format="svg", metadata={"Date": None})
    svg = re.sub(r"^.*?(?=<svg)", "", out.getvalue(), count=1, flags=re.S)
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)  # RDF about the file itself: not needed
