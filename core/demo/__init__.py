"""The helpers `manage.py load_demo_content` builds the demo site with: reading the apps'
demo/*.toml files, create-or-update by natural key, and a tiny PDF writer."""
