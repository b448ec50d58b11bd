from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "Hỏi – đáp"

    def ready(self):
        import pagecache
        import periodic
        from questions import workflow

        # The askers' contact data leave closed questions when their time is up (daily).
        periodic.register("questions.anonymise", workflow.anonymise_due, every=24 * 60 * 60)

        # Published questions, their topics and the departments answering them are on
        # cached pages: their admins move the page cache (pagecache.admin).
        pagecache.register(
            "questions", models=("questions.Question", "questions.Topic", "questions.Department")
        )
