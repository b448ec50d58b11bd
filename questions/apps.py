from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "Hỏi – đáp"

    def ready(self):
        import pagecache

        # Published questions, their topics and the departments answering them are on
        # cached pages: their admins move the page cache (pagecache.admin).
        pagecache.register(
            "questions", models=("questions.Question", "questions.Topic", "questions.Department")
        )
