"""Form fields in NL Design System dress: one way to render a control, used by every form on the site."""

from django import template

register = template.Library()

# The NL Design System class of each kind of Django widget (BoundField.widget_type).
CONTROL_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "clearablefile": "form-file",
    "file": "form-file",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


@register.simple_tag(name="form_describedby")
def described_by(field):
    """The ids of the field's description and error message, as the include renders them."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-uitleg")
    if field.errors:
        ids.append(f"{field.auto_id}-fout")
    return " ".join(ids)


@register.simple_tag
def form_control(field):
    """The field's own widget, with the NL Design System class, its description and its error linked."""
    classes = CONTROL_CLASSES.get(field.widget_type, TEXTBOX)
    if field.errors:
        base = classes.split()[0]
        classes += f" {base}--invalid" if base.startswith("utrecht-") else ""
    attrs = {"class": f"{classes} {field.field.widget.attrs.get('class', '')}".strip()}
    if described := described_by(field):
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def choice_input_class(field):
    """The class of one checkbox or radio button in a group."""
    if field.widget_type == "radioselect":
        return "utrecht-radio-button utrecht-radio-button--html-input"
    return "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
