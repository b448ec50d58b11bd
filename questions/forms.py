"""The public's forms: asking a question and looking a receipt up.

Neither page is ever page-cached (each carries its own CSRF token). No third-party
CAPTCHA: a honeypot field, a minimum fill time carried in a signed timestamp, and
rate limits per address and per e-mail kept in the cache (docs/questions.md). A refused
form is shown again with what was typed and a Vietnamese message.
"""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing

from questions.models import Question, Topic

FILL_TIME_SALT = "questions.ask.started"
CODE = re.compile(r"^\s*HD-(\d{4})-(\d{1,7})\s*$", re.IGNORECASE)
# Kept as the limits of the database columns and the form alike.
MAX_BODY = 5000


class AskForm(forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=120)
    email = forms.EmailField(
        label="Thư điện tử",
        max_length=200,
        help_text="Để nhận mã biên nhận và câu trả lời; không hiện công khai.",
    )
    phone = forms.RegexField(
        label="Điện thoại",
        required=False,
        max_length=30,
        regex=r"^[0-9 +().-]{6,30}$",
        error_messages={"invalid": "Số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . -"},
    )
    organization = forms.CharField(label="Cơ quan, đơn vị", required=False, max_length=200)
    organization_type = forms.ChoiceField(
        label="Quý vị là",
        required=False,
        choices=[("", "— Chọn —"), *Question.OrganizationType.choices],
        help_text="Câu hỏi được công khai chỉ ghi tên viết tắt và mục này.",
    )
    topic = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Topic.objects.filter(is_active=True), empty_label="— Chọn —"
    )
    title = forms.CharField(label="Tiêu đề câu hỏi", max_length=200)
    body = forms.CharField(
        label="Nội dung câu hỏi",
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Tối đa {MAX_BODY:,} ký tự.".replace(",", "."),
    )
    consent = forms.BooleanField(
        label=(
            "Tôi đồng ý để Đảng ủy Khối xử lý các dữ liệu cá nhân trên (họ tên, thư điện tử, "
            "điện thoại, cơ quan) chỉ để trả lời câu hỏi này, theo Luật Bảo vệ dữ liệu cá "
            "nhân năm 2025."
        ),
        error_messages={"required": "Cần đồng ý xử lý dữ liệu cá nhân thì mới gửi được câu hỏi."},
    )
    # A field people never see (hidden by CSS, skipped by keyboard and screen readers):
    # only robots fill it in.
    website = forms.CharField(label="Trang web", required=False)
    # A plain Field: no CharField validators, so whatever a crafted value holds (a NUL
    # byte...) reaches clean(), which renews it with a message, rather than an error on a
    # field nobody sees, sent back unchanged every time.
    started = forms.Field(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["organization"].widget.attrs.update(autocomplete="organization")
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=FILL_TIME_SALT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self._restart(website="")
            raise forms.ValidationError(
                "Không gửi được câu hỏi. Nội dung Quý vị đã nhập vẫn còn, xin bấm "
                "«Gửi câu hỏi» lần nữa.",
                code="honeypot",
            )
        if self.errors:
            return cleaned  # the fields' own messages first; the timing is checked after
        try:
            started = signing.loads(
                cleaned.get("started") or "",
                salt=FILL_TIME_SALT,
                max_age=settings.QUESTION_FORM_MAX_AGE,
            )
        except signing.BadSignature:
            self._restart()
            raise forms.ValidationError(
                "Mẫu gửi câu hỏi đã quá hạn. Nội dung Quý vị đã nhập vẫn còn, xin bấm "
                "«Gửi câu hỏi» lần nữa.",
                code="expired",
            ) from None
        if time.time() - float(started) < settings.QUESTION_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                "Câu hỏi được gửi quá nhanh sau khi mở trang. Xin kiểm tra lại nội dung "
                "rồi bấm «Gửi câu hỏi» lần nữa.",
                code="too_fast",
            )
        return cleaned

    def _restart(self, **values):
        """A fresh timestamp (and `values`) for the form shown again."""
        self.data = self.data.copy()
        self.data["started"] = signing.dumps(time.time(), salt=FILL_TIME_SALT)
        for name, value in values.items():
            self.data[name] = value


class LookupForm(forms.Form):
    code = forms.CharField(
        label="Mã biên nhận",
        max_length=20,
        help_text="Dạng HD-2026-00042, in trên trang biên nhận và trong thư xác nhận.",
    )
    email = forms.EmailField(label="Thư điện tử đã dùng khi gửi", max_length=200)

    def clean_code(self):
        match = CODE.match(self.cleaned_data["code"])
        if not match:
            raise forms.ValidationError("Mã biên nhận có dạng HD-2026-00042.")
        return int(match[1]), int(match[2])

    def find(self) -> Question | None:
        """The question for the code and e-mail together; None for any other pair."""
        year, number = self.cleaned_data["code"]
        return (
            Question.objects.select_related("topic", "department")
            .filter(
                code_year=year,
                code_number=number,
                asker_email__iexact=self.cleaned_data["email"],
            )
            .first()
        )
