"""Rich text for every app: the sanitizer, the editor field and its wrapped upload view.

- `richtext.sanitize`: `clean_html` (the allowlist, nh3) and `html_to_text`;
- `richtext.fields`: `RichTextField`, the one model field behind which the editor sits;
- `richtext.uploads` / `richtext.urls`: the editor's image upload and browse views,
  routed at `/ckeditor/` in place of django-ckeditor's own.

Installed as an app for its static files (the editor's CSRF plugin, the image browser).
See docs/rich-text.md.
"""
