"""The geometry of the result's radar chart: one axis per perspective, the score (0-100) along it.

The template (templates/balansscan/includes/radar.html) draws it as inline SVG; the data table
beside it shows the same numbers and is what a screen reader reads.
"""

from math import cos, pi, sin
from textwrap import wrap

# Room for labels of three lines in FONT_SIZE around the chart; at 375px wide they are still 12px.
WIDTH, HEIGHT = 520, 380
CENTRE_X, CENTRE_Y = 260, 190
RADIUS = 95
RINGS = (25, 50, 75, 100)
LABEL_GAP = 12
# A label is the perspective's name in lines of at most this many characters, then the score.
LABEL_WIDTH = 14
FONT_SIZE = 19
LINE_HEIGHT = 22


def _point(index, count, score):
    angle = -pi / 2 + 2 * pi * index / count
    length = RADIUS * score / 100
    return CENTRE_X + length * cos(angle), CENTRE_Y + length * sin(angle)


def _pair(x, y):
    return f"{x:.1f},{y:.1f}"


def radar(rows):
    """Drawing data for [(perspective, score or None)]: rings, axes with their labels, and the score polygon.

    A perspective without a score sits at the centre (its label says so).
    """
    count = len(rows)
    if count < 3:
        return None
    rings = [" ".join(_pair(*_point(i, count, level)) for i in range(count)) for level in RINGS]
    axes = []
    for index, (perspective, score) in enumerate(rows):
        end_x, end_y = _point(index, count, 100)
        dot_x, dot_y = _point(index, count, score or 0)
        label_x, label_y = _point(index, count, 100 + LABEL_GAP * 100 / RADIUS)
        horizontal = label_x - CENTRE_X
        anchor = "middle" if abs(horizontal) < 1 else ("start" if horizontal > 0 else "end")
        lines = [*wrap(perspective.name, LABEL_WIDTH), "–" if score is None else str(score)]
        # Below the centre the label hangs under its point, above it stands on it, beside it is centred.
        if label_y > CENTRE_Y + 1:
            first_y = label_y + FONT_SIZE
        elif label_y < CENTRE_Y - 1:
            first_y = label_y - 4 - (len(lines) - 1) * LINE_HEIGHT
        else:
            first_y = label_y + 5 - (len(lines) - 1) * LINE_HEIGHT / 2
        axes.append(
            {
                "perspective": perspective,
                "score": score,
                "end": (f"{end_x:.1f}", f"{end_y:.1f}"),
                "dot": (f"{dot_x:.1f}", f"{dot_y:.1f}"),
                "label_x": f"{label_x:.1f}",
                "lines": [(line, f"{first_y + i * LINE_HEIGHT:.1f}") for i, line in enumerate(lines)],
                "anchor": anchor,
            }
        )
    shape = " ".join(_pair(*_point(i, count, score or 0)) for i, (_p, score) in enumerate(rows))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "centre": (CENTRE_X, CENTRE_Y),
        "rings": rings,
        "axes": axes,
        "shape": shape,
        "font_size": FONT_SIZE,
    }
