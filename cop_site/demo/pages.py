"""Create-or-update of demo objects, shared by every app's demo content.

A page or snippet is found by its natural key and only saved (for a page: a new
revision published) when something changed, so loading the demo twice is safe.
"""

from django.core.management.base import CommandError

from wagtail.fields import StreamField


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
