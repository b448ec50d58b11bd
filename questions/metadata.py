"""What the Hỏi – đáp pages tell machines: their pagemeta.Metadata (docs/metadata.md).

Only what the page itself shows: the asker as initials, never a contact field. The
form, the look-up and the receipt are noindex; the receipt names no canonical address.
"""

from django.urls import reverse
from django.utils.text import Truncator

import pagemeta
from richtext.sanitize import html_to_text

SECTION = "Hỏi – đáp"


def _trail(*more):
    return [("Trang chủ", reverse("portal:home")), (SECTION, reverse("questions:list")), *more]


def question_list(request, page_obj, *, topic=None, query=""):
    """CollectionPage of the answers on this page; a search is noindex."""
    base = topic.get_absolute_url() if topic else reverse("questions:list")
    url = base + (f"?page={page_obj.number}" if page_obj.number > 1 and not query else "")
    title = SECTION + (f": {topic.name}" if topic else "")
    if page_obj.number > 1:
        title += f" – Trang {page_obj.number}"
    facts = pagemeta.site(request)
    description = f"Câu hỏi của bạn đọc và trả lời của {facts.publisher or facts.name}" + (
        f" về {topic.name.lower()}." if topic else "."
    )
    page = pagemeta.collection_page(
        request,
        name=title,
        description=description,
        url=url,
        page_obj=page_obj,
        item_name=lambda question: question.title,
    )
    return pagemeta.Metadata(
        title=title,
        description=description,
        url=url,
        section=SECTION,
        breadcrumbs=_trail(*([(topic.name, topic.get_absolute_url())] if topic else [])),
        schema=[page],
        robots="noindex, follow" if query else "",
    )


def question(request, question):
    """QAPage: the question (asker as initials) and the portal's accepted answer."""
    url = question.get_absolute_url()
    answer_text = html_to_text(question.answer)
    publisher = pagemeta.publisher(request)
    answerer = (
        {"@type": "Organization", "name": question.answered_by}
        if question.answered_by
        else publisher
    )
    node = {
        "@type": "QAPage",
        "url": pagemeta.absolute(request, url),
        "inLanguage": "vi",
        "publisher": publisher,
        "mainEntity": {
            "@type": "Question",
            "name": question.title,
            "text": question.body,
            "answerCount": 1,
            "dateCreated": pagemeta.timestamp(question.received_at),
            "author": {"@type": "Person", "name": question.asker_initials or "Ẩn danh"},
            "acceptedAnswer": {
                "@type": "Answer",
                "text": answer_text,
                "dateCreated": pagemeta.timestamp(question.answered_at),
                "url": pagemeta.absolute(request, url),
                "author": answerer,
            },
        },
    }
    return pagemeta.Metadata(
        title=question.title,
        description=Truncator(" ".join(question.body.split())).chars(160),
        url=url,
        type="article",
        creator=question.answered_by,
        published=question.published_at,
        modified=question.updated_at,
        section=question.topic.name,
        breadcrumbs=_trail((question.topic.name, question.topic.get_absolute_url())),
        schema=[node],
    )


def form_page(request, title, url_name, *, description=""):
    """The ask form and the look-up: described, followed, never indexed."""
    url = reverse(url_name)
    return pagemeta.Metadata(
        title=f"{title} – {SECTION}",
        description=description or title,
        url=url,
        section=SECTION,
        breadcrumbs=_trail((title, url)),
        robots="noindex, follow",
    )


def receipt(request, question):
    """A private page (reached from the form only): no canonical address, not indexed."""
    return pagemeta.Metadata(
        title=f"Đã nhận câu hỏi {question.code}",
        description="Biên nhận câu hỏi gửi đến chuyên mục Hỏi – đáp.",
        breadcrumbs=_trail(("Biên nhận", "")),
        robots="noindex, nofollow",
    )
