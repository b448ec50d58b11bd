"""Demo content for Hỏi – đáp: about 40 questions in every state, dated from the anchor.

Some are overdue, some due within three days, some answered late, a dozen published.
Idempotent: nothing is added when questions exist. No e-mail is sent (the askers are
made up, at the reserved `.example` domain).
"""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from questions import workflow
from questions.models import Department, Question, Topic
from vntext.workdays import add_working_days

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SKIP = {"actor": None, "skip_permission_checks": True}

# (topic slug, title, question, answer, department short name)
QUESTIONS = [
    ("ket-nap-dang", "Thủ tục chuyển sinh hoạt đảng chính thức khi chuyển công tác",
     "Tôi là đảng viên chính thức, sắp chuyển công tác từ Sở Tài chính sang một doanh nghiệp nhà nước trong Khối. Xin hỏi thủ tục chuyển sinh hoạt đảng chính thức gồm những bước nào và mất bao lâu?",
     "<p>Theo Hướng dẫn số 12-HD/BTCTW, đồng chí đề nghị chi bộ nơi đang sinh hoạt làm thủ tục giới thiệu chuyển sinh hoạt đảng chính thức, kèm hồ sơ đảng viên.</p><p>Trong thời hạn <strong>30 ngày làm việc</strong> kể từ ngày cấp ủy ký giới thiệu, đồng chí phải xuất trình giấy giới thiệu với tổ chức đảng nơi chuyển đến.</p>",
     "Ban Tổ chức"),
    ("ket-nap-dang", "Điều kiện kết nạp đảng đối với người lao động hợp đồng",
     "Tôi làm việc theo hợp đồng lao động có thời hạn 3 năm tại một công ty cổ phần. Tôi có được xem xét kết nạp vào Đảng không?",
     "<p>Người lao động làm việc theo hợp đồng tại doanh nghiệp, nếu đủ tiêu chuẩn và điều kiện theo Điều 1 và Điều 4 Điều lệ Đảng, được chi bộ xem xét giới thiệu kết nạp.</p><p>Đồng chí nên trao đổi với cấp ủy chi bộ nơi làm việc để được bồi dưỡng nhận thức về Đảng.</p>",
     "Ban Tổ chức"),
    ("to-chuc-dang-dang-vien", "Đảng viên đi làm việc ở nước ngoài có phải sinh hoạt tạm thời?",
     "Công ty cử tôi đi làm việc tại Lào 6 tháng. Trong thời gian này tôi có phải làm thủ tục sinh hoạt đảng tạm thời không?",
     "<p>Đảng viên đi công tác, làm việc ở nước ngoài từ <strong>3 tháng trở lên</strong> thực hiện sinh hoạt đảng tạm thời theo quy định về đảng viên ở nước ngoài.</p><p>Đồng chí liên hệ cấp ủy cơ sở để được hướng dẫn trước khi đi.</p>",
     "Ban Tổ chức"),
    ("to-chuc-dang-dang-vien", "Miễn sinh hoạt đảng khi tuổi cao, sức yếu",
     "Bố tôi 78 tuổi, là đảng viên 45 năm tuổi đảng, sức khỏe yếu. Gia đình muốn hỏi thủ tục đề nghị miễn sinh hoạt đảng.",
     "<p>Đảng viên tuổi cao, sức yếu tự nguyện làm đơn đề nghị miễn công tác và sinh hoạt đảng; chi bộ xem xét, quyết định và báo cáo cấp ủy cấp trên.</p>",
     "Ban Tổ chức"),
    ("kiem-tra-giam-sat-ky-luat", "Thời hạn xóa kỷ luật khiển trách đối với đảng viên",
     "Tôi bị kỷ luật khiển trách năm trước. Sau bao lâu thì kỷ luật được xem như chấm dứt hiệu lực?",
     "<p>Theo Quy định số 22-QĐ/TW, sau <strong>6 tháng</strong> kể từ ngày công bố quyết định kỷ luật khiển trách, nếu đảng viên không tái phạm hoặc không có vi phạm mới thì quyết định kỷ luật đương nhiên chấm dứt hiệu lực.</p>",
     "UBKT"),
    ("kiem-tra-giam-sat-ky-luat", "Kê khai tài sản, thu nhập hằng năm đối với cán bộ doanh nghiệp",
     "Tôi là trưởng phòng ở một công ty TNHH một thành viên do Nhà nước nắm giữ 100% vốn. Tôi có thuộc diện kê khai tài sản hằng năm không?",
     "<p>Người giữ chức vụ từ trưởng phòng trở lên trong doanh nghiệp nhà nước thuộc diện kê khai theo Nghị định 130/2020/NĐ-CP. Việc kê khai hằng năm áp dụng với người làm công tác tổ chức cán bộ, quản lý tài chính công, tài sản công, đầu tư công.</p>",
     "UBKT"),
    ("tuyen-giao-dan-van", "Tài liệu học tập nghị quyết cho chi bộ doanh nghiệp",
     "Chi bộ chúng tôi ở doanh nghiệp ngoài nhà nước, muốn xin tài liệu học tập, quán triệt nghị quyết mới của Trung ương. Chúng tôi liên hệ ở đâu?",
     "<p>Tài liệu học tập được Ban Tuyên giáo và Dân vận Đảng ủy Khối cấp phát qua các đảng ủy, chi bộ cơ sở; bản điện tử được đăng tại mục <em>Văn bản</em> của trang này.</p>",
     "Ban Tuyên giáo"),
    ("tuyen-giao-dan-van", "Đăng ký tham gia cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh",
     "Đoàn viên công ty tôi muốn tham gia cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh. Hạn nộp bài và cách nộp thế nào?",
     "<p>Bài dự thi nộp trực tuyến trên trang của cuộc thi hoặc gửi về Ban Tuyên giáo và Dân vận Đảng ủy Khối trước ngày kết thúc ghi trong thể lệ.</p>",
     "Ban Tuyên giáo"),
    ("chinh-sach-can-bo", "Phụ cấp cấp ủy viên cơ sở trong doanh nghiệp",
     "Tôi là ủy viên ban chấp hành đảng bộ cơ sở trong một tổng công ty. Tôi có được hưởng phụ cấp trách nhiệm cấp ủy không, ai chi trả?",
     "<p>Cấp ủy viên cơ sở trong doanh nghiệp nhà nước được hưởng phụ cấp trách nhiệm theo Quy định 169-QĐ/TW; nguồn chi từ kinh phí hoạt động công tác đảng của doanh nghiệp.</p>",
     "Văn phòng"),
    ("chinh-sach-can-bo", "Trích kinh phí hoạt động công tác đảng ở doanh nghiệp cổ phần",
     "Công ty cổ phần có vốn nhà nước dưới 50% thì có được trích kinh phí cho hoạt động công tác đảng không?",
     "<p>Doanh nghiệp ngoài nhà nước được khuyến khích hỗ trợ kinh phí hoạt động cho tổ chức đảng; mức hỗ trợ do doanh nghiệp và cấp ủy thỏa thuận theo Thông tư 27/2016/TT-BTC.</p>",
     "Văn phòng"),
    ("doan-the", "Thành lập tổ chức công đoàn ở doanh nghiệp mới",
     "Doanh nghiệp chúng tôi mới thành lập, có 25 lao động. Muốn thành lập công đoàn cơ sở thì liên hệ cơ quan nào?",
     "<p>Việc thành lập công đoàn cơ sở do Công đoàn Viên chức tỉnh hoặc Liên đoàn Lao động tỉnh hướng dẫn. Đảng ủy Khối phối hợp khi doanh nghiệp đã có tổ chức đảng.</p>",
     "Văn phòng"),
    ("khac", "Giờ tiếp công dân của Đảng ủy Khối",
     "Xin cho biết lịch tiếp công dân của lãnh đạo Đảng ủy Khối trong tháng và địa điểm tiếp.",
     "<p>Thường trực Đảng ủy Khối tiếp công dân định kỳ vào <strong>ngày 15 hằng tháng</strong> tại trụ sở; lịch cụ thể được đăng trong mục <em>Lịch công tác</em>.</p>",
     "Văn phòng"),
    ("to-chuc-dang-dang-vien", "Đổi thẻ đảng viên bị hư hỏng",
     "Thẻ đảng viên của tôi bị ướt, mờ chữ. Tôi cần làm gì để được cấp lại thẻ?",
     "<p>Đồng chí làm đơn đề nghị cấp lại thẻ, chi bộ xác nhận và gửi lên đảng ủy cơ sở; Ban Tổ chức Đảng ủy Khối tổng hợp, đề nghị cấp lại theo đợt.</p>",
     "Ban Tổ chức"),
    ("ket-nap-dang", "Lý lịch người xin vào Đảng có người thân ở nước ngoài",
     "Em có anh trai định cư ở Hàn Quốc. Điều này có ảnh hưởng đến việc thẩm tra lý lịch khi em xin vào Đảng không?",
     "<p>Người thân định cư ở nước ngoài không phải là lý do để không kết nạp. Việc thẩm tra lý lịch thực hiện theo Hướng dẫn 06-HD/BTCTW, trong đó ghi rõ quá trình, quan hệ của người thân.</p>",
     "Ban Tổ chức"),
]  # fmt: skip

OUT_OF_SCOPE = [
    ("khac", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
     "Xin hỏi thủ tục cấp giấy phép xây dựng nhà ở tại phường trung tâm thành phố?",
     "Ủy ban nhân dân thành phố (Bộ phận một cửa), hoặc Sở Xây dựng tỉnh Hòa Sơn."),
    ("chinh-sach-can-bo", "Chế độ bảo hiểm thất nghiệp khi nghỉ việc",
     "Tôi nghỉ việc ở công ty sau 5 năm đóng bảo hiểm. Tôi được hưởng trợ cấp thất nghiệp bao lâu?",
     "Trung tâm Dịch vụ việc làm tỉnh Hòa Sơn, thuộc Sở Nội vụ."),
    ("khac", "Tranh chấp đất đai với hộ liền kề",
     "Gia đình tôi có tranh chấp ranh giới đất với hộ bên cạnh, xin hỏi giải quyết ở đâu?",
     "Ủy ban nhân dân xã, phường nơi có đất (hòa giải), sau đó Tòa án nhân dân có thẩm quyền."),
]  # fmt: skip

OPEN_QUESTIONS = [
    ("to-chuc-dang-dang-vien", "Sinh hoạt chi bộ trực tuyến có được tính là sinh hoạt định kỳ?",
     "Chi bộ chúng tôi có đảng viên làm việc ở nhiều công trường xa. Sinh hoạt trực tuyến qua phần mềm có được công nhận là sinh hoạt chi bộ định kỳ không?"),
    ("ket-nap-dang", "Hồ sơ đề nghị công nhận đảng viên chính thức",
     "Tôi sắp hết 12 tháng dự bị. Hồ sơ đề nghị công nhận đảng viên chính thức gồm những gì?"),
    ("kiem-tra-giam-sat-ky-luat", "Khiếu nại quyết định kỷ luật của chi bộ",
     "Tôi không đồng ý với quyết định kỷ luật của chi bộ. Thời hạn khiếu nại là bao lâu và gửi đến đâu?"),
    ("tuyen-giao-dan-van", "Tổ chức học tập chuyên đề Bác Hồ năm nay",
     "Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm nay là gì, có tài liệu hướng dẫn chưa?"),
    ("chinh-sach-can-bo", "Tặng Huy hiệu 30 năm tuổi đảng",
     "Mẹ tôi vào Đảng tháng 5/1996. Khi nào thì được xét tặng Huy hiệu 30 năm tuổi đảng?"),
    ("doan-the", "Chuyển sinh hoạt Đoàn khi chuyển công tác",
     "Tôi là đoàn viên, chuyển công tác sang đơn vị khác trong Khối thì chuyển sinh hoạt Đoàn như thế nào?"),
    ("to-chuc-dang-dang-vien", "Đảng viên nghỉ hưu chuyển sinh hoạt về nơi cư trú",
     "Tôi sắp nghỉ hưu. Bao giờ phải chuyển sinh hoạt đảng về chi bộ khu dân cư?"),
    ("khac", "Xin số điện thoại đường dây nóng của Đảng ủy Khối",
     "Xin cho biết số điện thoại đường dây nóng để phản ánh việc đảng viên vi phạm?"),
    ("kiem-tra-giam-sat-ky-luat", "Đảng viên kinh doanh có phải báo cáo chi bộ?",
     "Vợ tôi mở cửa hàng kinh doanh. Tôi là đảng viên có phải báo cáo chi bộ về việc này không?"),
    ("to-chuc-dang-dang-vien", "Giới thiệu đảng viên về sinh hoạt nơi cư trú",
     "Cơ quan yêu cầu đảng viên đăng ký sinh hoạt nơi cư trú. Giấy giới thiệu do ai ký?"),
    ("tuyen-giao-dan-van", "Đăng bài về gương người tốt việc tốt trên trang",
     "Đơn vị tôi có một đảng viên hiến máu 40 lần. Chúng tôi muốn gửi bài viết giới thiệu thì gửi đến đâu?"),
    ("chinh-sach-can-bo", "Chế độ cho bí thư chi bộ kiêm nhiệm",
     "Bí thư chi bộ kiêm nhiệm ở doanh nghiệp tư nhân có được hỗ trợ gì không?"),
    ("ket-nap-dang", "Tuổi tối đa được xem xét kết nạp đảng",
     "Tôi 58 tuổi, công tác tốt nhiều năm. Tôi có còn được xem xét kết nạp Đảng?"),
]  # fmt: skip

NAMES = [
    "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Long", "Phạm Thu Trang", "Hoàng Minh Đức",
    "Võ Thị Hồng", "Đặng Quốc Bảo", "Bùi Thị Lan Anh", "Ngô Thanh Tùng", "Dương Thị Mai",
    "Huỳnh Văn Khánh", "Phan Thị Thúy", "Trịnh Công Sơn", "Đỗ Thị Hà", "Lý Văn Phúc",
]  # fmt: skip
ORGANIZATIONS = [
    "Công ty Điện lực Hòa Sơn", "Sở Tài chính", "Ngân hàng TMCP Công Thương chi nhánh Hòa Sơn",
    "Trường Cao đẳng Kỹ thuật Hòa Sơn", "Công ty Cổ phần Cấp nước Hòa Sơn", "",
]  # fmt: skip
DAY_STARTS = (7, 8, 9, 10, 14, 15, 16, 20)


def build(builder) -> None:
    """Called once by the demo builder; `builder.anchor` is "today" for the demo."""
    if Question.objects.exists():
        return
    QuestionDemo(builder).build()


class QuestionDemo:
    def __init__(self, builder):
        self.anchor: date = builder.anchor
        self.rng: random.Random = builder.rng("questions")
        self.report = builder.report
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        self.departments = {d.short_name: d for d in Department.objects.all()}
        self.count = 0

    def moment(self, days_ago: int) -> datetime:
        day = self.anchor - timedelta(days=days_ago)
        hour = self.rng.choice(DAY_STARTS)
        return datetime.combine(day, time(hour, self.rng.randrange(60)), tzinfo=TZ)

    def after(self, start: datetime, working_days: int) -> datetime:
        day = add_working_days(start.date(), working_days)
        return datetime.combine(
            day, time(9 + self.rng.randrange(7), self.rng.randrange(60)), tzinfo=TZ
        )

    def ask(self, slug: str, title: str, body: str, days_ago: int) -> Question:
        name = NAMES[self.count % len(NAMES)]
        self.count += 1
        login = f"hoidap{self.count:02d}"
        return workflow.submit_question(
            name=name,
            email=f"{login}@nguoidan.example",
            phone=f"0912 {self.rng.randrange(100, 999)} {self.rng.randrange(100, 999)}",
            organization=self.rng.choice(ORGANIZATIONS),
            organization_type=self.rng.choice(Question.OrganizationType.values),
            topic=self.topics.get(slug) or next(iter(self.topics.values())),
            title=title,
            body=body,
            received_at=self.moment(days_ago),
            notify=False,
        )

    def contacts(self):
        for number, department in enumerate(self.departments.values(), start=1):
            if not department.phone:
                department.phone = f"0235 3812 3{number:02d}"
                slug = {"Văn phòng": "vanphong", "Ban Tổ chức": "bantochuc"}.get(
                    department.short_name, f"ban{number}"
                )
                department.email = f"{slug}.dbk@hoason.example"
                department.save(update_fields=["phone", "email"])

    @transaction.atomic
    def build(self):
        self.contacts()
        # Answered: the first ones old and published; two answered late.
        for index, (slug, title, body, answer, department) in enumerate(QUESTIONS):
            question = self.ask(slug, title, body, days_ago=150 - index * 9)
            late = index in (3, 9)
            received = question.received_at
            workflow.accept_question(
                question=question,
                department=self.departments.get(department),
                at=self.after(received, 1),
                **SKIP,
            )
            workflow.start_question(question=question, at=self.after(received, 2), **SKIP)
            answered_at = self.after(received, 18 if late else self.rng.randrange(5, 14))
            workflow.answer_question(
                question=question,
                answer=answer,
                answered_by=f"{self.departments[department].name}"
                if department in self.departments
                else "",
                at=answered_at,
                notify=False,
                **SKIP,
            )
            if index < 12:
                workflow.publish_question(
                    question=question, at=answered_at + timedelta(hours=2), **SKIP
                )
        # Out of scope, with where to turn.
        for index, (slug, title, body, referral) in enumerate(OUT_OF_SCOPE):
            question = self.ask(slug, title, body, days_ago=60 - index * 15)
            workflow.decline_question(
                question=question,
                referral=referral,
                at=self.after(question.received_at, 1),
                notify=False,
                **SKIP,
            )
        # Open: new, received, in progress; some overdue, some due within three days.
        for repeat in range(2):
            for index, (slug, title, body) in enumerate(OPEN_QUESTIONS):
                if repeat and index >= 8:
                    break
                days_ago = [26, 22, 19, 17, 15, 12, 9, 7, 5, 4, 2, 1, 0][index] + repeat * 3
                question = self.ask(
                    slug, title if not repeat else f"{title} (hỏi lại)", body, days_ago
                )
                if repeat and index in (1, 5):
                    original = Question.objects.filter(title=title).first()
                    workflow.mark_duplicate(
                        question=question,
                        duplicate_of=original,
                        at=self.after(question.received_at, 1),
                        **SKIP,
                    )
                    continue
                if repeat and index == 7:
                    workflow.mark_spam(
                        question=question, at=self.after(question.received_at, 0), **SKIP
                    )
                    continue
                stage = (index + repeat) % 3
                if stage >= 1 and days_ago > 0:
                    workflow.accept_question(
                        question=question,
                        department=self.rng.choice(list(self.departments.values()))
                        if self.departments
                        else None,
                        at=question.received_at + timedelta(hours=3),
                        **SKIP,
                    )
                if stage == 2 and days_ago > 1:
                    workflow.start_question(
                        question=question, at=question.received_at + timedelta(days=1), **SKIP
                    )
        for subject in ("Quảng cáo dịch vụ vay tiền nhanh", "Khuyến mãi đặc biệt hôm nay"):
            spam = self.ask(
                "khac",
                subject,
                "Liên hệ ngay để nhận ưu đãi!!!",
                days_ago=self.rng.randrange(1, 30),
            )
            workflow.mark_spam(question=spam, at=spam.received_at + timedelta(hours=1), **SKIP)
        self.report.add("câu hỏi", Question.objects.count())
