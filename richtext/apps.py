from django.apps import AppConfig


class RichTextConfig(AppConfig):
    name = "richtext"
    verbose_name = "Soạn thảo văn bản"
