"""Public Q&A pages.

The published list, its topic pages and the detail pages are page-cached like the news;
the ask form, the receipt and the look-up are never cached (each has a CSRF token or
private content). The asker appears only as initials and organization type.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from netguard import allowed, client_ip, hit
from questions import metadata, workflow
from questions.forms import AskForm, LookupForm
from questions.models import Department, Question, Topic

RECEIPT_SALT = "questions.receipt"
RECEIPT_MAX_AGE = 60 * 60 * 24  # the receipt link works for a day; the look-up for ever
ADDRESS_LIMIT_MESSAGE = (
    "Từ địa chỉ mạng này đã có nhiều câu hỏi được gửi trong thời gian ngắn. "
    "Xin gửi lại sau ít phút; nội dung Quý vị đã nhập vẫn còn."
)
# The e-mail's window is the local day (netguard's windows start at local midnight).
EMAIL_LIMIT_MESSAGE = (
    "Địa chỉ thư điện tử này đã gửi nhiều câu hỏi hôm nay. Xin gửi lại vào ngày "
    "mai; nội dung Quý vị đã nhập vẫn còn."
)


def contact_url() -> str:
    """The introduction pages' "Liên hệ" page, once it exists; else the footer."""
    try:
        return reverse("pages:page_detail", kwargs={"slug": "lien-he"})
    except NoReverseMatch:
        return reverse("questions:ask") + "#lien-he"


class QuestionListView(ListView):
    """Published answers, newest first; by topic; searched without diacritics."""

    template_name = "questions/question_list.html"
    context_object_name = "questions"
    paginate_by = 20

    def get_queryset(self):
        queryset = Question.objects.published().for_list().order_by("-published_at", "-pk")
        self.topic = None
        if slug := self.kwargs.get("topic"):
            self.topic = get_object_or_404(Topic, slug=slug)
            queryset = queryset.filter(topic=self.topic)
        self.query = (self.request.GET.get("q") or "").strip()[:200]
        if self.query:
            queryset = queryset.search(self.query)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        context.update(
            page_range=page_obj.paginator.get_elided_page_range(
                page_obj.number, on_each_side=2, on_ends=1
            ),
            query_string=urlencode({"q": self.query}) if self.query else "",
            topic=self.topic,
            topics=Topic.objects.filter(is_active=True),
            query=self.query,
            contact_url=contact_url(),
            meta=metadata.question_list(self.request, page_obj, topic=self.topic, query=self.query),
        )
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.query:  # search results are never stored (see the URLconf)
            add_never_cache_headers(response)
        return response


class QuestionDetailView(DetailView):
    template_name = "questions/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        return Question.objects.published().without_contact().select_related("topic")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_url=contact_url(),
            meta=metadata.question(self.request, self.object),
            **kwargs,
        )


def _refuse(form, message):
    form.add_error(None, message)


@never_cache
def ask(request):
    """The question form: honeypot, fill time, rate limits, consent (docs/questions.md)."""
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        limits = settings.QUESTION_RATE_LIMITS
        email = form.cleaned_data["email"].lower()
        address = client_ip(request)
        # Ask both limits first and count only an attempt that goes through: a question
        # refused for its e-mail does not use up the address's allowance, nor the reverse.
        if not allowed("questions.ask.address", address, **limits["address"]):
            _refuse(form, ADDRESS_LIMIT_MESSAGE)
        elif not allowed("questions.ask.email", email, **limits["email"]):
            _refuse(form, EMAIL_LIMIT_MESSAGE)
        elif not hit("questions.ask.address", address, **limits["address"]):
            _refuse(form, ADDRESS_LIMIT_MESSAGE)  # another request took the last place
        elif not hit("questions.ask.email", email, **limits["email"]):
            _refuse(form, EMAIL_LIMIT_MESSAGE)
        else:
            data = form.cleaned_data
            question = workflow.submit_question(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                organization=data["organization"],
                organization_type=data["organization_type"],
                topic=data["topic"],
                title=data["title"],
                body=data["body"],
            )
            token = signing.dumps(question.pk, salt=RECEIPT_SALT)
            return redirect("questions:receipt", token=token)
    status = 400 if form.errors else 200
    return render(
        request,
        "questions/ask.html",
        {
            "form": form,
            "departments": Department.objects.all(),
            "contact_url": contact_url(),
            "retention_months": settings.QUESTION_RETENTION_MONTHS,
            "meta": metadata.form_page(
                request,
                "Gửi câu hỏi",
                "questions:ask",
                description="Gửi câu hỏi đến Đảng ủy Khối: trả lời trong 15 ngày làm việc.",
            ),
        },
        status=status,
    )


@never_cache
def receipt(request, token):
    """The thank-you page with the receipt code, reached only from the form (signed link)."""
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    question = get_object_or_404(Question.objects.select_related("topic"), pk=pk)
    return render(
        request,
        "questions/receipt.html",
        {"question": question, "meta": metadata.receipt(request, question)},
    )


@never_cache
def lookup(request):
    """Status for a receipt code and the e-mail it was sent from; nothing for a wrong pair."""
    form = LookupForm(request.POST or None)
    question, searched = None, False
    if request.method == "POST" and form.is_valid():
        limit = settings.QUESTION_RATE_LIMITS["lookup"]
        if not hit("questions.lookup.address", client_ip(request), **limit):
            form.add_error(
                None, "Quý vị đã tra cứu nhiều lần trong thời gian ngắn. Xin thử lại sau ít phút."
            )
        else:
            question, searched = form.find(), True
    return render(
        request,
        "questions/lookup.html",
        {
            "form": form,
            "question": question,
            "searched": searched,
            "meta": metadata.form_page(
                request,
                "Tra cứu câu hỏi",
                "questions:lookup",
                description="Tra cứu tình trạng câu hỏi bằng mã biên nhận.",
            ),
        },
        status=400 if form.errors else 200,
    )
