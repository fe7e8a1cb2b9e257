from wagtail.rich_text import get_text_for_indexing


def plain_text(*values):
    """Plain text from rich text and StreamField values."""
    parts = []
    for value in values:
        if hasattr(value, "stream_block"):
            parts.extend(value.stream_block.get_searchable_content(value))
        elif value:
            parts.append(get_text_for_indexing(str(value)))
    return " ".join(part.strip() for part in parts if part and part.strip())
