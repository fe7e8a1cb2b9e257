"""Demo content for `manage.py load_demo_content`: the texts as data, and a tiny PDF writer."""
