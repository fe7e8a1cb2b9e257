"""Loading helpers shared by every app's demo content: read its TOML files, create or update objects.

The content lives in each app's `demo/` folder as TOML (see the comments at the top of
each file). A page or snippet is found by its natural key and only saved (for a page: a
new revision published) when something changed, so loading the demo twice is safe.
"""

import tomllib
from importlib import resources
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.template.loader import render_to_string

from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.rich_text import RichText
from wagtail.utils.file import hash_filelike

from core.pdf import html_to_pdf

# The key that names an item in error messages, the first one it has.
NAME_KEYS = ("slug", "term", "name", "perspective", "heading")


class Item(dict):
    """A table from a demo file that knows where it is: a missing key names the file and the item."""

    def __init__(self, data, where):
        super().__init__(data)
        self.where = where

    def __missing__(self, key):
        raise self.error(f"de sleutel '{key}' ontbreekt")

    def error(self, message):
        return CommandError(f"Demo-inhoud {self.where}: {message}.")


def wrap(value, where):
    """Tables become `Item`s, each named after its key or its place in an array."""
    if isinstance(value, dict):
        return Item({key: wrap(item, f"{where} > {key}") for key, item in value.items()}, where)
    if isinstance(value, list):
        return [wrap(item, item_name(item, where, number)) for number, item in enumerate(value, start=1)]
    return value


def item_name(item, where, number):
    if isinstance(item, dict):
        name = next((item[key] for key in NAME_KEYS if isinstance(item.get(key), str)), None)
        if name:
            return f"{where} '{name}'"
    return f"{where} nr. {number}"


def demo_folder(package):
    """The folder with `package`'s demo files, next to its module wherever the app is installed."""
    return resources.files(package) / "demo"


def read(package, name):
    """The TOML file `name` in `package`'s demo folder, its tables as `Item`s."""
    path = demo_folder(package) / name
    label = f"{package}/demo/{name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CommandError(f"Demo-inhoud {label}: geen geldige TOML ({error}).") from None
    return wrap(data, label)


def get_all(queryset, field, item, key):
    """The objects whose `field` is in `item[key]`, in that order; a missing one is an error in the demo file."""
    values = item[key]
    found = {getattr(obj, field): obj for obj in queryset.filter(**{f"{field}__in": values})}
    missing = [value for value in values if value not in found]
    if missing:
        kind = queryset.model._meta.verbose_name_plural
        raise item.error(f"{key}: niet gevonden in {kind}: {', '.join(missing)}")
    return [found[value] for value in values]


def rich_text(paragraphs):
    """Rich text from a demo file: one paragraph of HTML or a list of them."""
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def stream(body, links=None):
    """BodyBlock stream data from a body in a demo file: a list of tables with one key, the block type.

    `links(html)`, if given, rewrites the links in each paragraph (the glossary's term links).
    """
    resolve = links or (lambda html: html)
    converters = {
        "heading": lambda text: {"text": text, "level": "h2"},
        "paragraph": lambda text: RichText(resolve(rich_text(text))),
        "people": lambda value: value,
    }
    blocks = []
    for block in body:
        (block_type, value), *more = block.items()
        if more or block_type not in converters:
            raise block.error(f"een blok heeft precies één sleutel: {', '.join(converters)}")
        blocks.append((block_type, converters[block_type](value)))
    return blocks


def pdf_document(data):
    """A small PDF document from `data` (title, filename, pdf_lines); a new file only when its content changed.

    WeasyPrint writes the same bytes for the same HTML, so an unchanged item keeps its file.
    """
    html = render_to_string("core/demo_document.html", {"title": data["title"], "lines": data["pdf_lines"]})
    pdf = html_to_pdf(html, base_url=None).content
    digest = hash_filelike(BytesIO(pdf))
    Document = get_document_model()
    document = Document.objects.filter(title=data["title"]).first() or Document(title=data["title"])
    if document.pk and document.file_hash == digest:
        return document
    name = document.file.field.generate_filename(document, data["filename"])
    if orphaned_copy(document, name, digest):
        # The same file, left in storage by an earlier load on another database: keep its clean name.
        document.file.name = name
    else:
        document.file.save(data["filename"], ContentFile(pdf), save=False)
    document.file_size, document.file_hash = len(pdf), digest
    document.save()
    return document


def orphaned_copy(document, name, digest):
    storage = document.file.storage
    if not storage.exists(name) or type(document).objects.filter(file=name).exists():
        return False
    with storage.open(name) as f:
        return hash_filelike(f) == digest


def without_ids(data):
    """Stream data without the block ids Wagtail generates, so two versions can be compared."""
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    return data


def comparable(obj, name):
    """A field's value in a form that compares equal when the content is the same."""
    field = obj._meta.get_field(name)
    value = field.value_from_object(obj)
    if isinstance(field, StreamField):
        return without_ids(field.get_prep_value(value))
    if field.many_to_many:
        return sorted(item.pk for item in value)
    return value


def snapshot(obj, values, children=None):
    """`obj`'s values for the fields in `values` and the child relations in `children`, comparable."""
    state = {name: comparable(obj, name) for name in values}
    for relation, rows in (children or {}).items():
        keys = list(rows[0][1]) if rows else []
        state[relation] = [tuple(getattr(child, key) for key in keys) for child in getattr(obj, relation).all()]
    return state


def assign(obj, values, children=None):
    for name, value in values.items():
        if obj._meta.get_field(name).many_to_many:
            getattr(obj, name).set(value)
        else:
            setattr(obj, name, value)
    for relation, rows in (children or {}).items():
        setattr(obj, relation, [child_model(**row) for child_model, row in rows])


def update(obj, values):
    """Assign `values` to `obj`; return whether that changed anything (always True for a new object)."""
    before = snapshot(obj, values) if obj.pk else None
    assign(obj, values)
    return before != snapshot(obj, values)


def upsert(model, lookup, values):
    """Create or update one snippet by its natural key; save only if something changed."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    if update(obj, values):
        obj.save()
    return obj


def publish_page(counter, parent, model, lookup, fields, children=None):
    """Create or update a published child page of `parent`, counted in `counter` as nieuw, bijgewerkt or ongewijzigd.

    `lookup` is the page's natural key among its siblings: {} for a page that exists
    once (max_count = 1), otherwise e.g. {"slug": ...} or {"perspective": ...}.
    `fields` (with the slug) may hold plain, many-to-many and StreamFields; `children`
    maps a child relation to rows: [(model, {field: value}), ...].
    """
    page = model.objects.child_of(parent).filter(**lookup).first()
    if page is None:
        clash = parent.get_children().filter(slug=fields["slug"]).first()
        if clash:
            raise CommandError(f"{clash.url_path} bestaat al en is geen {model._meta.verbose_name}.")
        page = model()
        assign(page, fields, children)
        parent.add_child(instance=page)
        outcome = "nieuw"
    else:
        before = snapshot(page, fields, children)
        assign(page, fields, children)
        if before == snapshot(page, fields, children) and page.live and not page.has_unpublished_changes:
            counter["ongewijzigd"] += 1
            return page
        outcome = "bijgewerkt"
    page.save_revision().publish()
    counter[outcome] += 1
    return page
