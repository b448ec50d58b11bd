from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from questions.models import Question
from richtext.sanitize import feed_text, html_to_text


class LatestAnswersFeed(Feed):
    """The newest published answers; the asker appears as nothing but initials."""

    feed_type = Rss201rev2Feed
    title = "Hỏi – đáp"
    description = "Câu hỏi của bạn đọc và trả lời của Đảng ủy Khối"
    limit = 30

    def link(self):
        return reverse("questions:list")

    def items(self):
        published = Question.objects.published().without_contact().select_related("topic")
        return published.order_by("-published_at", "-pk")[: self.limit]

    def item_title(self, item):
        return feed_text(item.title)

    def item_description(self, item):
        return feed_text(html_to_text(item.answer)[:400])

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.topic.name]
