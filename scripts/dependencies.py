"""The picture of who imports whom: app-to-app imports and the import cycles between modules.

    .venv/bin/python scripts/dependencies.py          # or: make deps
    .venv/bin/python scripts/dependencies.py --root /tmp/older-checkout   # the same for another checkout

Reads every import in the apps' code (at module level and inside functions alike, as grimp, the
library behind import-linter, sees them; migrations left out, as they only record history) and
prints, for each pair of apps, how many module imports go from one to the other, then every group of
modules that import each other in a circle. It needs no services. `lint-imports` (pyproject.toml,
[tool.importlinter]) holds the layers to a contract; this shows the whole picture.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
APPS = ["cop_site", "core", "knowledge", "events", "booklet", "search", "members", "balansscan"]


def strongly_connected(graph, modules):
    """Groups of two or more modules that reach each other through imports (Tarjan's algorithm)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph.find_modules_directly_imported_by(module) & modules:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for module in sorted(modules):
        if module not in index:
            visit(module)
    return groups


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to read (default: this one)")
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    apps = [app for app in APPS if (root / app / "__init__.py").exists()]
    graph = grimp.build_graph(*apps, cache_dir=None)
    modules = {m for m in graph.modules if ".migrations" not in m and m.split(".")[0] in apps}
    edges = Counter()
    for module in modules:
        for target in graph.find_modules_directly_imported_by(module) & modules:
            source_app, target_app = module.split(".")[0], target.split(".")[0]
            if source_app != target_app:
                edges[source_app, target_app] += 1
    print("App-to-app imports (module imports, migrations left out):\n")
    width = max(len(app) for app in apps)
    for (source, target), count in sorted(edges.items()):
        back = " (both ways)" if (target, source) in edges else ""
        print(f"  {source.ljust(width)} -> {target.ljust(width)} {count:3}{back}")
    groups = strongly_connected(graph, modules)
    print(f"\nImport cycles between modules: {len(groups)}")
    for group in groups:
        print(f"  {len(group)} modules: " + ", ".join(group))


if __name__ == "__main__":
    main()
