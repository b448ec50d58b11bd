"""Demo documents: kinds of party documents with fictional codes and real PDF files.

The PDFs are made here with fpdf2, in DejaVu Sans (Debian's fonts-dejavu-core, which
`.ci/run` installs when missing) so that Vietnamese letters print; without the font the
text is written without diacritics. Nothing is copied from real documents.
"""

import itertools
import logging
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF

import vntext

# fpdf2's font subsetting (fontTools) logs every glyph at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _font() -> Path | None:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            return folder
    return None


def make_pdf(
    title: str, paragraphs: list[str], *, heading: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
) -> bytes:
    """A one- or two-page A4 PDF with a heading, a title and paragraphs of text."""
    pdf = FPDF(format="A4")
    pdf.set_creator("seed_demo")
    folder = _font()
    if folder is not None:
        pdf.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
        family, write = "DejaVu", str
    else:  # no Unicode font: plain ASCII, still real text
        family, write = "Helvetica", vntext.fold
    pdf.add_page()
    pdf.set_font(family, "B", 12)
    pdf.cell(0, 8, write(heading), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(family, "B", 14)
    pdf.multi_cell(0, 8, write(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, write(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """A PDF page with only a drawing on it: what a scanner without OCR produces."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    for row in range(20):
        pdf.rect(20, 20 + row * 12, 170, 6, style="F")
    return bytes(pdf.output())


# --- the demo library ------------------------------------------------------------------

DEFAULT_DOCUMENTS = 60
FILES_FOR_AT_MOST = 200  # a scaled run (bench) gives files to the first documents only

SIGNERS = {
    "TW": [("Trần Văn Thịnh", "T/M BỘ CHÍNH TRỊ"), ("Lê Quang Hòa", "T/M BAN BÍ THƯ")],
    "TU": [
        ("Nguyễn Đức Thành", "T/M BAN THƯỜNG VỤ, BÍ THƯ"),
        ("Hồ Thị Mai", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
    ],
    "ĐUK": [("Phan Minh Khoa", "T/M BAN THƯỜNG VỤ, BÍ THƯ"), ("Võ Thị Lan", "PHÓ BÍ THƯ")],
    "ĐU": [("Đặng Văn Hùng", "T/M ĐẢNG ỦY, BÍ THƯ")],
}
# (kind, abbreviation, issuers' abbreviations, subject slugs, title patterns)
PLAN = [
    ("Nghị quyết", "NQ", ["ĐUK", "TU", "TW"], ["xay-dung-dang"], [
        "Nghị quyết về nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng giai đoạn {period}",
        "Nghị quyết chuyên đề về công tác phát triển đảng viên trong doanh nghiệp ngoài nhà nước",
        "Nghị quyết về chuyển đổi số trong hoạt động của các cơ quan đảng, năm {year}",
    ]),
    ("Chỉ thị", "CT", ["TW", "TU", "ĐUK"], ["hoc-tap-va-lam-theo-bac", "tuyen-giao-va-dan-van"], [
        "Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác tuyên truyền, giáo dục truyền thống",
        "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong cán bộ, đảng viên",
        "Chỉ thị về lãnh đạo đại hội chi bộ trực thuộc tiến tới đại hội đảng bộ các cấp nhiệm kỳ {period}",
    ]),
    ("Kế hoạch", "KH", ["ĐUK", "TU"], ["xay-dung-dang", "cong-tac-van-phong"], [
        "Kế hoạch tổ chức hội nghị học tập, quán triệt và triển khai thực hiện nghị quyết năm {year}",
        "Kế hoạch kiểm tra, giám sát của Ban Thường vụ Đảng ủy Khối năm {year}",
        "Kế hoạch tổng kết công tác xây dựng Đảng năm {year} và phương hướng nhiệm vụ năm tiếp theo",
    ]),
    ("Hướng dẫn", "HD", ["ĐUK", "TW"], ["to-chuc-can-bo-dang-vien"], [
        "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm {year}",
        "Hướng dẫn nội dung sinh hoạt chi bộ theo chuyên đề năm {year}",
    ]),
    ("Kết luận", "KL", ["TW", "TU"], ["xay-dung-dang"], [
        "Kết luận về tiếp tục thực hiện nghị quyết về đổi mới phương thức lãnh đạo của Đảng",
        "Kết luận của Ban Thường vụ về kết quả giám sát chuyên đề năm {year}",
    ]),
    ("Quy định", "QĐ", ["TW", "ĐUK"], ["kiem-tra-giam-sat"], [
        "Quy định về trách nhiệm nêu gương của cán bộ, đảng viên",
        "Quy định về chế độ báo cáo định kỳ của các tổ chức cơ sở đảng trực thuộc",
    ]),
    ("Thông báo", "TB", ["ĐUK"], ["cong-tac-van-phong"], [
        "Thông báo kết luận hội nghị Ban Chấp hành Đảng bộ Khối quý {quarter} năm {year}",
        "Thông báo lịch sinh hoạt chuyên đề tháng {month} năm {year}",
    ]),
    ("Báo cáo", "BC", ["ĐUK", "ĐU"], ["xay-dung-dang"], [
        "Báo cáo tổng kết công tác xây dựng Đảng năm {year}",
        "Báo cáo sơ kết 6 tháng đầu năm {year} về thực hiện nhiệm vụ chính trị",
    ]),
    ("Chương trình", "CTr", ["ĐUK"], ["hoc-tap-va-lam-theo-bac"], [
        "Chương trình hành động thực hiện nghị quyết đại hội đảng bộ khối nhiệm kỳ {period}",
    ]),
    ("Công văn", "CV", ["ĐUK"], ["cong-tac-van-phong"], [
        "Công văn về việc báo cáo số liệu đảng viên quý {quarter} năm {year}",
        "Công văn về việc hưởng ứng cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh",
    ]),
]  # fmt: skip
PARAGRAPHS = [
    "Căn cứ Điều lệ Đảng và Quy chế làm việc của Ban Chấp hành Đảng bộ Khối nhiệm kỳ {period};",
    "Các cấp ủy, tổ chức đảng trực thuộc tổ chức quán triệt sâu rộng nội dung văn bản này đến toàn thể cán bộ, đảng viên, gắn với nhiệm vụ chính trị của cơ quan, đơn vị.",
    "Văn phòng Đảng ủy Khối chủ trì, phối hợp với các ban tham mưu theo dõi, đôn đốc việc thực hiện, định kỳ báo cáo Ban Thường vụ kết quả triển khai.",
    "Đây là văn bản mẫu của trang thử nghiệm: số ký hiệu, ngày tháng và người ký đều là giả định.",
]


def build(builder, count: int = DEFAULT_DOCUMENTS) -> None:
    """About `count` documents with real PDF files, a replacement chain, links to news."""
    from documents.models import Document

    if count <= 0 or Document.objects.exists():
        return
    DocumentDemo(builder, count).build()


class DocumentDemo:
    def __init__(self, builder, count: int):
        from documents.models import Issuer, Kind, Subject
        from organizations.models import Organization

        self.builder = builder
        self.count = count
        self.rng = builder.rng("documents")
        self.anchor = builder.anchor
        self.kinds = {kind.name: kind for kind in Kind.objects.all()}
        self.subjects = {subject.slug: subject for subject in Subject.objects.all()}
        by_abbreviation = {}
        for issuer in Issuer.objects.order_by("order"):
            by_abbreviation.setdefault(issuer.abbreviation, []).append(issuer)
        root = Organization.objects.filter(kind=Organization.Kind.BLOC).first()
        bloc = by_abbreviation["ĐUK"][0]
        if root is not None and bloc.organization_id is None:
            bloc.organization = root
            bloc.save()
        grassroots = (
            Organization.objects.active()
            .filter(kind=Organization.Kind.GRASSROOTS_COMMITTEE)
            .order_by("pk")[:3]
        )
        by_abbreviation["ĐU"] = [
            # By name: a reset keeps the issuers (their organizations are made anew).
            Issuer.objects.update_or_create(
                name=f"Đảng ủy {org.short_name or org.name}"[:200].replace(
                    "Đảng ủy Đảng bộ", "Đảng ủy"
                ),
                defaults={
                    "organization": org,
                    "abbreviation": "ĐU",
                    "level": Issuer.Level.GRASSROOTS,
                    "order": 200 + index,
                },
            )[0]
            for index, org in enumerate(grassroots)
        ] or [bloc]
        self.issuers = by_abbreviation

    def build(self):
        from documents.models import Document

        documents, subjects = [], []
        numbers = {}
        for index in range(self.count):
            rng = self.builder.rng("document", index)
            kind_name, abbreviation, issuers, subject_slugs, titles = PLAN[index % len(PLAN)]
            issuer = rng.choice(self.issuers[rng.choice(issuers)])
            issued_on = self.anchor - timedelta(days=rng.randrange(20, 4 * 365))
            key = (issuer.pk, issued_on.year, abbreviation)
            numbers[key] = numbers.get(key, 0) + rng.randrange(1, 9)
            year = issued_on.year
            title = rng.choice(titles).format(
                year=year,
                period=f"{year - year % 5}–{year - year % 5 + 5}",
                quarter=rng.choice(["I", "II", "III", "IV"]),
                month=rng.randrange(1, 13),
            )
            signer = rng.choice(SIGNERS.get(issuer.abbreviation, SIGNERS["ĐUK"]))
            effective_until = None
            if index % 9 == 4:  # expired
                effective_until = issued_on + timedelta(days=rng.randrange(90, 400))
                if effective_until >= self.anchor:
                    effective_until = self.anchor - timedelta(days=3)
            documents.append(
                Document(
                    code=f"{numbers[key]:02d}-{abbreviation}/{issuer.abbreviation}",
                    title=title,
                    kind=self.kinds[kind_name],
                    issuer=issuer,
                    signer_name=signer[0],
                    signer_title=signer[1],
                    issued_on=issued_on,
                    effective_from=issued_on,
                    effective_until=effective_until,
                    summary=f"<p>{PARAGRAPHS[1]}</p>" if index % 3 == 0 else "",
                    status=Document.Status.PUBLISHED,
                    visibility=(
                        Document.Visibility.INTERNAL
                        if index % 17 == 5
                        else Document.Visibility.PUBLIC
                    ),
                    published_at=datetime.combine(
                        issued_on + timedelta(days=1), time(9), tzinfo=TZ
                    ),
                )
            )
            subjects.append(
                [self.subjects[slug] for slug in subject_slugs if slug in self.subjects]
            )
        documents += self.special()
        subjects += [[self.subjects["xay-dung-dang"]]] * (len(documents) - len(subjects))
        created = Document.objects.bulk_create(documents, batch_size=1000)
        through = Document.subjects.through
        through.objects.bulk_create(
            [
                through(document_id=doc.pk, subject_id=subject.pk)
                for doc, items in zip(created, subjects, strict=True)
                for subject in items
            ],
            batch_size=2000,
        )
        self.chain(created)
        self.attach_files(created)
        self.link_articles(created)
        self.builder.report.add("văn bản", len(created))

    def special(self):
        """Not yet effective, a draft, a withdrawn one, and a chain of three Quy chế."""
        from documents.models import Document

        bloc = self.issuers["ĐUK"][0]
        soon = self.anchor + timedelta(days=12)
        base = {
            "issuer": bloc,
            "signer_name": "Phan Minh Khoa",
            "signer_title": "T/M BAN THƯỜNG VỤ, BÍ THƯ",
        }
        rules = self.kinds["Quy chế"]
        return [
            Document(
                code="125-QĐ/ĐUK",
                title="Quy định về tiêu chuẩn chi bộ «bốn tốt» trong doanh nghiệp, áp dụng từ đầu quý tới",
                kind=self.kinds["Quy định"],
                issued_on=self.anchor - timedelta(days=5),
                effective_from=soon,
                status=Document.Status.PUBLISHED,
                published_at=datetime.combine(self.anchor - timedelta(days=4), time(9), tzinfo=TZ),
                **base,
            ),
            Document(
                code="131-KH/ĐUK",
                title="Kế hoạch (dự thảo) tổ chức hội nghị điển hình tiên tiến",
                kind=self.kinds["Kế hoạch"],
                issued_on=self.anchor - timedelta(days=2),
                **base,
            ),
            Document(
                code="112-TB/ĐUK",
                title="Thông báo (đã thu hồi do ban hành nhầm bản dự thảo)",
                kind=self.kinds["Thông báo"],
                issued_on=self.anchor - timedelta(days=40),
                status=Document.Status.WITHDRAWN,
                withdrawal_reason="Ban hành nhầm bản dự thảo; đã thay bằng bản chính thức.",
                **base,
            ),
            *[
                Document(
                    code=f"{number}-QC/ĐUK",
                    title=f"Quy chế làm việc của Ban Chấp hành Đảng bộ Khối (ban hành lần {index + 1})",
                    kind=rules,
                    issued_on=date(self.anchor.year - 5 + 2 * index, 3, 1 + index),
                    status=Document.Status.PUBLISHED,
                    published_at=datetime(self.anchor.year - 5 + 2 * index, 3, 5, 9, tzinfo=TZ),
                    **base,
                )
                for index, number in enumerate((3, 1, 2))
            ],
        ]

    def chain(self, created):
        from documents.models import Document

        rules = [doc for doc in created if doc.code.endswith("-QC/ĐUK")]
        for older, newer in itertools.pairwise(rules):
            Document.objects.filter(pk=newer.pk).update(replaces=older.pk)
        kinds = {}
        for doc in created[:60]:
            kinds.setdefault((doc.kind_id, doc.issuer_id), []).append(doc)
        related = [group for group in kinds.values() if len(group) > 1][:6]
        through = Document.related_documents.through
        through.objects.bulk_create(
            [through(from_document_id=a.pk, to_document_id=b.pk) for a, b, *_ in related]
            + [through(from_document_id=b.pk, to_document_id=a.pk) for a, b, *_ in related]
        )

    def attach_files(self, created):
        from django.core.files.base import ContentFile

        from documents.models import DocumentFile

        for index, doc in enumerate(created[:FILES_FOR_AT_MOST]):
            year = doc.issued_on.year
            heading = "ĐẢNG CỘNG SẢN VIỆT NAM"
            paragraphs = [
                f"{doc.issuer.name.upper()} – Số {doc.code}",
                PARAGRAPHS[0].format(period=f"{year - year % 5}–{year - year % 5 + 5}"),
                *PARAGRAPHS[1:],
                f"{doc.signer_title}: {doc.signer_name}",
            ]
            if index % 23 == 7:
                content, name = make_scanned_pdf(), f"{doc.code} (bản quét).pdf"
            else:
                content, name = make_pdf(doc.title, paragraphs, heading=heading), f"{doc.code}.pdf"
            item = DocumentFile(
                document=doc,
                label="Toàn văn",
                order=0,
                file=ContentFile(content, name=name.replace("/", "-")),
            )
            item.save()
            doc.refresh_file_text()

    def link_articles(self, created):
        from news.models import Article

        public = [doc for doc in created[:60] if doc.is_public()]
        articles = list(Article.objects.published().order_by("-published_at")[:40])
        if not public or not articles:
            return
        through = Article.documents.through
        rng = self.rng
        pairs = {(rng.choice(articles).pk, rng.choice(public).pk) for _ in range(24)}
        through.objects.bulk_create(
            [through(article_id=article, document_id=document) for article, document in pairs]
        )
