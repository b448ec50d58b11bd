"""`{% load vnnames %}`: {{ user|display_name }}, family name first (vntext/names.py)."""

from django import template

from vntext import names

register = template.Library()
register.filter("display_name", names.display_name)
