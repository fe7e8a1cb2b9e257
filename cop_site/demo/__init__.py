"""Demo content for `manage.py load_demo_content`: the loading helpers and a tiny PDF writer (texts: */demo/*.toml)."""
