"""The geometry of the result's radar chart: one axis per perspective, the score (0-100) along it.

The template (templates/balansscan/includes/radar.html) draws it as inline SVG; the data table
beside it shows the same numbers and is what a screen reader reads.
"""

from math import cos, pi, sin

WIDTH, HEIGHT = 400, 340
CENTRE_X, CENTRE_Y = 200, 170
RADIUS = 110
RINGS = (25, 50, 75, 100)
LABEL_GAP = 14


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
        # Below the centre the label hangs under its point, above it stands on it.
        label_y += 14 if label_y > CENTRE_Y + 1 else (4 if abs(label_y - CENTRE_Y) <= 1 else -4)
        axes.append(
            {
                "perspective": perspective,
                "score": score,
                "end": (f"{end_x:.1f}", f"{end_y:.1f}"),
                "dot": (f"{dot_x:.1f}", f"{dot_y:.1f}"),
                "label": (f"{label_x:.1f}", f"{label_y:.1f}"),
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
    }
