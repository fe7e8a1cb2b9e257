"""A minimal, valid one-page PDF, written by hand so the demo needs no PDF library."""

A4 = (595, 842)
MARGIN = 72


def _text(value):
    """A PDF string literal in WinAnsi (cp1252), with its special characters escaped."""
    escaped = value.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + escaped + b")"


def _content_stream(title, lines):
    width, height = A4
    parts = [b"BT", b"/F1 24 Tf", b"%d %d Td" % (MARGIN, height - 2 * MARGIN), _text(title) + b" Tj", b"/F1 12 Tf"]
    for line in lines:
        parts += [b"0 -24 Td", _text(line) + b" Tj"]
    parts.append(b"ET")
    return b"\n".join(parts)


def one_page_pdf(title, lines=()):
    """Return the bytes of an A4 PDF with `title` in large type and `lines` below it."""
    stream = _content_stream(title, lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        % A4,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title %s /Producer (load_demo_content) >>" % _text(title),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
