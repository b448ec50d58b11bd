"""Vietnamese words, names and sentence patterns for the demo content.

Written for this project; no text is copied from elsewhere. The province, its people
and its units are invented. Patterns take `{placeholders}` filled by `ArticleWriter`.
"""

import random
from dataclasses import dataclass
from datetime import date

PROVINCE = "Hòa Sơn"
BLOC_NAME = f"Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh {PROVINCE}"
COMMITTEE = "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh"
COMMITTEE_SHORT = "Đảng ủy Khối"
PROVINCIAL_COMMITTEE = f"Tỉnh ủy {PROVINCE}"
CITY = f"thành phố {PROVINCE}"

FAMILY_NAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Mai", "Hà", "Lương", "Cao",
]  # fmt: skip
MIDDLE_MALE = [
    "Văn",
    "Hữu",
    "Đức",
    "Quang",
    "Minh",
    "Công",
    "Xuân",
    "Thanh",
    "Ngọc",
    "Anh",
    "Đình",
    "Tiến",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thị Thu",
    "Thị Minh",
    "Thị Hồng",
    "Thị Thanh",
    "Thị Ngọc",
    "Thùy",
    "Thị Kim",
]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong",
    "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Lộc",
]  # fmt: skip
GIVEN_FEMALE = [
    "Hà", "Hằng", "Hiền", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân",
    "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Vân", "Yến", "Huyền", "Loan", "Tâm",
]  # fmt: skip

PEN_NAMES = [
    "Minh Tâm", "Thu Hà", "Quang Vinh", "Hoài Nam", "Ngọc Lan", "Thanh Bình", "Phương Thảo",
    "Đức Huy", "Hải Yến", "Trúc Anh", "Văn Sơn", "Khánh Linh", "Bảo Ngọc", "Nhật Minh",
]  # fmt: skip

# (name, url): where a story came from; empty for the portal's own reporting.
SOURCES = [
    ("", ""),
    ("", ""),
    ("", ""),
    ("Web Hòa Sơn", "https://hoason.example/tin-tuc"),
    ("Báo Hòa Sơn", "https://baohoason.example/chinh-tri"),
    ("Đài PT-TH Hòa Sơn", "https://truyenhinhhoason.example/thoi-su"),
    ("Ban Tuyên giáo Đảng ủy Khối", ""),
]

# Agencies and enterprises hosting the grassroots organizations: (host unit, short name,
# is an enterprise, usual size: "large" hosts a Đảng bộ cơ sở).
HOST_UNITS = [
    ("Sở Tài chính", "STC", False, "large"),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", False, "large"),
    ("Sở Nội vụ", "SNV", False, "large"),
    ("Sở Tư pháp", "STP", False, "small"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", False, "large"),
    ("Sở Y tế", "SYT", False, "large"),
    ("Sở Xây dựng", "SXD", False, "large"),
    ("Sở Giao thông vận tải", "SGTVT", False, "large"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNN", False, "large"),
    ("Sở Tài nguyên và Môi trường", "STNMT", False, "large"),
    ("Sở Công Thương", "SCT", False, "large"),
    ("Sở Khoa học và Công nghệ", "SKHCN", False, "small"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", False, "large"),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", False, "large"),
    ("Sở Thông tin và Truyền thông", "STTTT", False, "small"),
    ("Sở Ngoại vụ", "SNgV", False, "small"),
    ("Thanh tra tỉnh", "TTT", False, "small"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", False, "large"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "VPĐĐBQH", False, "small"),
    ("Ban Dân tộc tỉnh", "BDT", False, "small"),
    ("Kho bạc Nhà nước tỉnh", "KBNN", False, "large"),
    ("Cục Thuế tỉnh", "CT", False, "large"),
    ("Cục Thống kê tỉnh", "CTK", False, "small"),
    ("Bảo hiểm xã hội tỉnh", "BHXH", False, "large"),
    ("Ngân hàng Nhà nước chi nhánh tỉnh", "NHNN", False, "small"),
    ("Ngân hàng Chính sách xã hội chi nhánh tỉnh", "NHCSXH", False, "large"),
    ("Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh", "Agribank", True, "large"),
    ("Ngân hàng TMCP Công Thương chi nhánh tỉnh", "VietinBank", True, "small"),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH", False, "large"),
    ("Báo Hòa Sơn", "Báo", False, "small"),
    ("Trường Chính trị tỉnh", "TCT", False, "small"),
    ("Trường Cao đẳng Y tế", "CĐYT", False, "small"),
    ("Trường Cao đẳng Kỹ thuật Công nghiệp", "CĐKT", False, "large"),
    ("Bệnh viện Đa khoa tỉnh", "BVĐK", False, "large"),
    ("Bệnh viện Y dược cổ truyền tỉnh", "BVYDCT", False, "small"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", "CDC", False, "small"),
    ("Ban Quản lý Khu kinh tế tỉnh", "BQLKKT", False, "small"),
    ("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp", "BQLDA", False, "small"),
    ("Liên minh Hợp tác xã tỉnh", "LMHTX", False, "small"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "LHHKHKT", False, "small"),
    ("Quỹ Đầu tư phát triển tỉnh", "QĐTPT", False, "small"),
    ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "TTXT", False, "small"),
    ("Công ty Điện lực Hòa Sơn", "PC Hòa Sơn", True, "large"),
    ("Viễn thông Hòa Sơn", "VNPT", True, "large"),
    ("Bưu điện tỉnh", "Bưu điện", True, "large"),
    ("Viettel Hòa Sơn", "Viettel", True, "large"),
    ("Công ty Cổ phần Cấp thoát nước Hòa Sơn", "Cấp thoát nước", True, "large"),
    ("Công ty Cổ phần Môi trường và Công trình đô thị", "Môi trường đô thị", True, "small"),
    ("Công ty TNHH MTV Xổ số kiến thiết Hòa Sơn", "Xổ số", True, "small"),
    ("Công ty TNHH MTV Lâm nghiệp Trường Sơn", "Lâm nghiệp", True, "large"),
    ("Công ty Cổ phần Cao su Hòa Sơn", "Cao su", True, "large"),
    ("Công ty Cổ phần Đầu tư và Xây dựng giao thông", "Xây dựng giao thông", True, "small"),
    ("Công ty Cổ phần Dược - Vật tư y tế Hòa Sơn", "Dược", True, "small"),
    ("Công ty Cổ phần Thương mại Hòa Sơn", "Thương mại", True, "small"),
    ("Công ty TNHH MTV Khai thác công trình thủy lợi", "Thủy lợi", True, "large"),
    ("Công ty Cổ phần Vận tải ô tô Hòa Sơn", "Vận tải", True, "small"),
    ("Công ty Cổ phần Khoáng sản Hòa Sơn", "Khoáng sản", True, "small"),
    ("Công ty Cổ phần Tư vấn thiết kế xây dựng", "Tư vấn thiết kế", True, "small"),
    ("Công ty Cổ phần In và Phát hành sách", "In", True, "small"),
    ("Khách sạn Sài Gòn - Hòa Sơn", "Khách sạn", True, "small"),
    ("Công ty Cổ phần Xi măng Hòa Sơn", "Xi măng", True, "large"),
    ("Công ty TNHH Bia Hòa Sơn", "Bia", True, "small"),
    ("Công ty Cổ phần Bảo hiểm Hòa Sơn", "Bảo hiểm", True, "small"),
]  # fmt: skip

# Subordinate units inside large hosts, for chi bộ trực thuộc / đảng bộ bộ phận.
AGENCY_DEPARTMENTS = [
    "Văn phòng", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ", "Thanh tra",
    "Phòng Quản lý ngân sách", "Phòng Tổng hợp", "Phòng Nghiệp vụ", "Phòng Pháp chế",
]  # fmt: skip
ENTERPRISE_DEPARTMENTS = [
    "Khối Văn phòng", "Phòng Kỹ thuật", "Phòng Kinh doanh", "Xí nghiệp số 1", "Xí nghiệp số 2",
    "Đội Thi công", "Chi nhánh Đông Giang", "Chi nhánh Tây Sơn", "Nhà máy", "Phân xưởng sản xuất",
]  # fmt: skip
DISTRICTS = ["Đông Giang", "Tây Sơn", "Bắc Bình", "Nam Phước", "Long Hải", "Thạch Bàn"]
STREETS = [
    "Hùng Vương",
    "Trần Hưng Đạo",
    "Lê Lợi",
    "Nguyễn Huệ",
    "Quang Trung",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
]

RESOLUTIONS = [
    "Nghị quyết Đại hội XIII của Đảng",
    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
    "Nghị quyết Đại hội Đảng bộ Khối lần thứ IV",
    "Kết luận số 21-KL/TW của Ban Chấp hành Trung ương về xây dựng, chỉnh đốn Đảng",
    "Chỉ thị số 05-CT/TW của Bộ Chính trị",
    "Nghị quyết số 35-NQ/TW của Bộ Chính trị về bảo vệ nền tảng tư tưởng của Đảng",
    "Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên",
    "Nghị quyết Trung ương 8 khóa XIII",
]
TOPICS = [
    "chuyển đổi số trong công tác đảng",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "phát triển đảng viên trong doanh nghiệp ngoài nhà nước",
    "cải cách hành chính và nâng cao chỉ số năng lực cạnh tranh",
    "thực hành tiết kiệm, chống lãng phí",
    "phòng, chống tham nhũng, tiêu cực",
    "xây dựng văn hóa công sở",
    "nâng cao chất lượng công tác kiểm tra, giám sát",
    "đổi mới phương thức lãnh đạo của cấp ủy cơ sở",
    "công tác dân vận trong cơ quan, doanh nghiệp",
]
YEAR_THEMES = {
    2024: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần tự lực, tự cường",
    2025: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng Đảng trong sạch, vững mạnh",
    2026: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về đổi mới sáng tạo và chuyển đổi số",
}
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass(frozen=True)
class Story:
    """One kind of story: a title, its lead (the sapo), and body paragraphs in order.

    The body keeps `details` in their order, dropping some at random, so that every
    article reads as one story rather than a shuffle of sentences.
    """

    title: str
    lead: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    stories: tuple[Story, ...]
    closings: tuple[str, ...]


THEMES = {
    "hoat-dong-dang-uy-khoi": Theme(
        stories=(
            Story(
                "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ {n}, nhiệm kỳ {term}",
                "Ngày {day}, Ban Chấp hành Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh đã tổ chức Hội nghị lần thứ {n} nhằm đánh giá kết quả thực hiện nhiệm vụ {period} và bàn giải pháp cho thời gian tới.",
                (
                    "Hội nghị do đồng chí {leader}, Bí thư {committee_short}, chủ trì; tham dự có các đồng chí Ủy viên Ban Chấp hành Đảng bộ Khối và lãnh đạo các ban tham mưu.",
                    "Báo cáo tại hội nghị cho biết, {period}, Ban Thường vụ {committee_short} đã lãnh đạo, chỉ đạo hoàn thành {done}/{total} nhóm nhiệm vụ trọng tâm; các nội dung còn lại đang được khẩn trương triển khai.",
                    "Công tác giáo dục chính trị, tư tưởng được chú trọng; {count} lượt cán bộ, đảng viên tham gia học tập, quán triệt {resolution}.",
                    "Công tác xây dựng tổ chức đảng tiếp tục được quan tâm: thành lập mới {small} tổ chức cơ sở đảng, kiện toàn cấp ủy tại {small2} đơn vị, kết nạp {count2} đảng viên mới.",
                    "Hội nghị thẳng thắn chỉ ra một số hạn chế: việc cụ thể hóa nghị quyết ở một số nơi còn chậm, nội dung sinh hoạt chi bộ có lúc chưa sát thực tiễn cơ quan, đơn vị.",
                ),
            ),
            Story(
                "Ban Thường vụ Đảng ủy Khối làm việc với {org}",
                "Chiều {day}, đoàn công tác của Ban Thường vụ {committee_short} do đồng chí {leader}, Bí thư {committee_short}, làm trưởng đoàn đã làm việc với {org} về kết quả lãnh đạo thực hiện nhiệm vụ chính trị và công tác xây dựng Đảng.",
                (
                    "Báo cáo với đoàn công tác, đại diện cấp ủy cho biết đơn vị đã bám sát nghị quyết đại hội, ban hành chương trình công tác toàn khóa và cụ thể hóa thành kế hoạch hằng năm.",
                    "Đến nay, đơn vị hoàn thành vượt {percent}% kế hoạch được giao; đời sống, việc làm của người lao động được bảo đảm; không có đảng viên vi phạm kỷ luật.",
                    "Các ý kiến tại buổi làm việc đề nghị cấp trên quan tâm hơn nữa đến việc bồi dưỡng nghiệp vụ cho cấp ủy viên và cán bộ làm công tác đảng kiêm nhiệm.",
                    "Ghi nhận những kết quả đơn vị đạt được, đồng chí {leader} đề nghị cấp ủy tiếp tục đổi mới nội dung sinh hoạt, chú trọng phát triển đảng viên trong đội ngũ người lao động trẻ.",
                ),
            ),
            Story(
                "Đảng ủy Khối sơ kết công tác xây dựng Đảng {period}",
                "Sáng {day}, tại Hội trường {committee_short}, {committee} tổ chức hội nghị sơ kết công tác xây dựng Đảng {period} với sự tham dự của bí thư các tổ chức cơ sở đảng trực thuộc.",
                (
                    "Theo báo cáo, {period}, các cấp ủy đã tập trung lãnh đạo thực hiện nhiệm vụ chính trị gắn với công tác xây dựng Đảng; tình hình tư tưởng cán bộ, đảng viên ổn định.",
                    "Toàn Đảng bộ Khối đã kết nạp {count2} đảng viên mới; Ủy ban Kiểm tra các cấp thực hiện {small} cuộc kiểm tra và {small2} cuộc giám sát theo chương trình.",
                    "Các đại biểu tập trung thảo luận về {topic}, đề xuất nhiều cách làm mới phù hợp với đặc điểm của khối cơ quan và doanh nghiệp.",
                    "Hội nghị cũng chỉ ra những hạn chế cần khắc phục: một số cấp ủy chưa sâu sát cơ sở, việc nắm bắt tư tưởng người lao động ở doanh nghiệp có lúc chưa kịp thời.",
                ),
            ),
            Story(
                "Quán triệt, triển khai {resolution}",
                "Ngày {day}, {committee} tổ chức hội nghị trực tiếp kết hợp trực tuyến đến các tổ chức cơ sở đảng để quán triệt, triển khai {resolution}.",
                (
                    "Hội nghị được kết nối tới {tccs} điểm cầu với hơn {count} cán bộ, đảng viên tham dự.",
                    "Tại hội nghị, báo cáo viên đã truyền đạt những nội dung cốt lõi, điểm mới và yêu cầu đặt ra đối với các cấp ủy, tổ chức đảng trong thời gian tới.",
                    "Ban Thường vụ {committee_short} yêu cầu các tổ chức cơ sở đảng xây dựng kế hoạch thực hiện phù hợp với đặc điểm của đơn vị, hoàn thành trong tháng.",
                ),
            ),
            Story(
                "Đảng ủy Khối trao Huy hiệu Đảng cho đảng viên lão thành",
                "Nhân dịp kỷ niệm ngày thành lập Đảng, ngày {day}, {committee} tổ chức lễ trao Huy hiệu Đảng cho {small} đảng viên có tuổi Đảng từ 30 đến 50 năm.",
                (
                    "Thay mặt Ban Thường vụ {committee_short}, đồng chí {leader} chúc mừng các đồng chí được nhận Huy hiệu Đảng đợt này.",
                    "Đồng chí bày tỏ mong muốn các đảng viên lão thành tiếp tục giữ gìn phẩm chất, truyền lửa cho thế hệ trẻ và tích cực tham gia xây dựng Đảng ở nơi cư trú.",
                    "Xúc động phát biểu tại buổi lễ, đại diện các đảng viên được trao huy hiệu cảm ơn sự quan tâm của cấp ủy và hứa sẽ luôn là tấm gương cho con cháu noi theo.",
                ),
            ),
        ),
        closings=(
            "Kết luận hội nghị, đồng chí {leader}, Bí thư {committee_short}, đề nghị các cấp ủy tiếp tục bám sát nhiệm vụ chính trị, nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức đảng, hoàn thành thắng lợi các chỉ tiêu đã đề ra.",
            "Phát biểu chỉ đạo, đồng chí {leader} ghi nhận những kết quả đạt được và yêu cầu các tổ chức cơ sở đảng khắc phục ngay những hạn chế đã được chỉ ra, phát huy vai trò gương mẫu của người đứng đầu.",
        ),
    ),
    "hoat-dong-co-so": Theme(
        stories=(
            Story(
                "{org}: sinh hoạt chuyên đề về {topic}",
                "Ngày {day}, {org} đã tổ chức sinh hoạt chuyên đề về {topic}, thu hút đông đảo đảng viên tham gia.",
                (
                    "Tại buổi sinh hoạt, các đảng viên đã thảo luận sôi nổi, chỉ ra những việc làm được, những việc còn chậm và đề xuất giải pháp cụ thể gắn với nhiệm vụ chuyên môn của đơn vị.",
                    "Cấp ủy đã phân công đảng viên phụ trách từng phần việc, gắn trách nhiệm cá nhân với kết quả chung; việc đánh giá, xếp loại đảng viên được thực hiện thực chất hơn.",
                    "Đơn vị chú trọng ứng dụng công nghệ thông tin, triển khai sổ tay đảng viên điện tử, giúp việc nắm bắt thông tin, văn bản của cấp trên kịp thời hơn.",
                ),
            ),
            Story(
                "{org} tổ chức lễ kết nạp đảng viên mới",
                "Vừa qua, {org} đã long trọng tổ chức lễ kết nạp đảng viên mới cho {small} quần chúng ưu tú là cán bộ, người lao động của {host}.",
                (
                    "Các quần chúng được kết nạp đều là những người có phẩm chất đạo đức tốt, hoàn thành xuất sắc nhiệm vụ và tích cực tham gia các phong trào của cơ quan.",
                    "Phát biểu tại buổi lễ, đại diện cấp ủy đề nghị các đảng viên mới không ngừng học tập, rèn luyện, giữ gìn phẩm chất, đạo đức và hoàn thành tốt nhiệm vụ được giao.",
                    "Từ đầu nhiệm kỳ đến nay, đơn vị đã kết nạp {small2} đảng viên mới, góp phần trẻ hóa đội ngũ và tăng cường sức chiến đấu của tổ chức đảng.",
                ),
            ),
            Story(
                "Đại hội {org} nhiệm kỳ {term}",
                "Thực hiện kế hoạch của {committee}, ngày {day}, {org} đã tổ chức thành công đại hội nhiệm kỳ {term}.",
                (
                    "Đại hội đánh giá, trong nhiệm kỳ qua đơn vị hoàn thành vượt {percent}% các chỉ tiêu chủ yếu; tổ chức đảng nhiều năm liền được xếp loại hoàn thành tốt nhiệm vụ.",
                    "Đại hội thống nhất xác định khâu đột phá của nhiệm kỳ mới là {topic}.",
                    "Đại hội đã bầu Ban Chấp hành gồm {small} đồng chí và bầu đoàn đại biểu dự đại hội cấp trên; đồng chí {person} được tín nhiệm bầu giữ chức Bí thư.",
                ),
            ),
            Story(
                "{org} ra quân thực hiện phong trào thi đua năm {year}",
                "Sáng {day}, {org} phối hợp với công đoàn và đoàn thanh niên {host} tổ chức lễ ra quân thực hiện phong trào thi đua năm {year}.",
                (
                    "Phong trào tập trung vào ba nội dung: hoàn thành vượt kế hoạch được giao, thực hành tiết kiệm và nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
                    "Mỗi chi bộ, mỗi phòng, đội đăng ký ít nhất một công trình, phần việc cụ thể và báo cáo tiến độ hằng tháng.",
                    "Năm trước, đơn vị có {small} sáng kiến được công nhận và {small2} tập thể được khen thưởng.",
                ),
            ),
        ),
        closings=(
            "Thời gian tới, {org} tiếp tục đổi mới nội dung, phương thức sinh hoạt, phấn đấu xây dựng tổ chức đảng trong sạch, vững mạnh.",
            "Đây là dịp để mỗi cán bộ, đảng viên tự soi, tự sửa, nâng cao ý thức trách nhiệm trong thực hiện nhiệm vụ.",
        ),
    ),
    "to-chuc-can-bo-dang-vien": Theme(
        stories=(
            Story(
                "Khai giảng lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
                "Ngày {day}, {committee} phối hợp với Trường Chính trị tỉnh khai giảng lớp bồi dưỡng lý luận chính trị cho {count} đảng viên mới của các tổ chức cơ sở đảng trực thuộc.",
                (
                    "Trong thời gian học tập, học viên được nghiên cứu các chuyên đề về lịch sử Đảng, Điều lệ Đảng, nhiệm vụ của đảng viên và những vấn đề cơ bản về xây dựng Đảng hiện nay.",
                    "Phát biểu khai giảng, lãnh đạo Ban Tổ chức {committee_short} đề nghị học viên chấp hành nghiêm nội quy, chủ động liên hệ kiến thức với thực tiễn công tác.",
                    "{period}, toàn Đảng bộ Khối đã kết nạp {count2} đảng viên mới, đạt {percent}% chỉ tiêu.",
                ),
            ),
            Story(
                "Tập huấn nghiệp vụ công tác tổ chức, đảng viên năm {year}",
                "Sáng {day}, Ban Tổ chức {committee_short} đã tổ chức hội nghị tập huấn nghiệp vụ cho cấp ủy viên và cán bộ làm công tác tổ chức của các tổ chức cơ sở đảng.",
                (
                    "Các đại biểu được hướng dẫn quy trình kết nạp đảng viên, chuyển sinh hoạt đảng, quản lý hồ sơ đảng viên và sử dụng phần mềm quản lý cơ sở dữ liệu đảng viên.",
                    "Nhiều câu hỏi, vướng mắc từ thực tiễn cơ sở đã được báo cáo viên giải đáp cụ thể ngay tại hội nghị.",
                ),
            ),
            Story(
                "Công bố quyết định thành lập {org}",
                "Ngày {day}, {committee} đã tổ chức hội nghị công bố quyết định thành lập {org} trực thuộc Đảng bộ Khối.",
                (
                    "Theo quyết định, {org} có {small2} đảng viên; Ban Thường vụ {committee_short} chỉ định chi ủy lâm thời gồm {small} đồng chí.",
                    "Quyết định có hiệu lực kể từ ngày ký; cấp ủy lâm thời có trách nhiệm lãnh đạo đơn vị thực hiện nhiệm vụ chính trị cho đến khi tổ chức đại hội.",
                    "Đồng chí {leader}, Bí thư {committee_short}, đề nghị tổ chức đảng mới sớm ổn định tổ chức, xây dựng quy chế làm việc và chương trình công tác.",
                ),
            ),
        ),
        closings=(
            "Ban Tổ chức {committee_short} đề nghị các cấp ủy tiếp tục quan tâm tạo nguồn, bồi dưỡng quần chúng ưu tú, nhất là trong các doanh nghiệp.",
        ),
    ),
    "kiem-tra-giam-sat": Theme(
        stories=(
            Story(
                "Kỳ họp thứ {n} của Ủy ban Kiểm tra Đảng ủy Khối",
                "Ngày {day}, Ủy ban Kiểm tra {committee_short} đã tổ chức kỳ họp thứ {n} để xem xét, cho ý kiến về một số nội dung theo thẩm quyền.",
                (
                    "Kỳ họp đã xem xét báo cáo kết quả kiểm tra khi có dấu hiệu vi phạm đối với một tổ chức đảng và thống nhất kết luận, kiến nghị theo quy định.",
                    "Ủy ban cũng cho ý kiến vào dự thảo chương trình kiểm tra, giám sát năm {year} trước khi trình Ban Thường vụ {committee_short}.",
                ),
            ),
            Story(
                "Giám sát chuyên đề việc thực hiện {resolution} tại {org}",
                "Thực hiện chương trình năm {year}, ngày {day}, đoàn giám sát của Ban Thường vụ {committee_short} đã làm việc với {org}.",
                (
                    "Qua giám sát cho thấy, cấp ủy đã ban hành kế hoạch thực hiện kịp thời, phân công rõ người, rõ việc; tuy nhiên việc sơ kết, đánh giá định kỳ có lúc còn chậm.",
                    "Đoàn giám sát đề nghị cấp ủy chỉ đạo khắc phục những hạn chế đã chỉ ra và báo cáo kết quả trong thời hạn 30 ngày.",
                ),
            ),
            Story(
                "Tập huấn nghiệp vụ công tác kiểm tra, giám sát cho cán bộ cơ sở",
                "Sáng {day}, Ủy ban Kiểm tra {committee_short} tổ chức hội nghị tập huấn cho hơn {count} đồng chí là ủy viên ủy ban kiểm tra, chi ủy viên phụ trách công tác kiểm tra.",
                (
                    "Nội dung tập huấn tập trung vào quy trình kiểm tra, giám sát, thi hành kỷ luật trong Đảng và kỹ năng xây dựng kế hoạch kiểm tra ở chi bộ.",
                    "{period}, ủy ban kiểm tra các cấp đã kiểm tra {small} tổ chức đảng và {count2} đảng viên; giám sát {small2} tổ chức đảng, qua đó kịp thời nhắc nhở, chấn chỉnh những thiếu sót.",
                ),
            ),
        ),
        closings=(
            "Ủy ban Kiểm tra {committee_short} đề nghị các tổ chức đảng nghiêm túc thực hiện kết luận sau kiểm tra, giám sát và báo cáo kết quả đúng thời hạn.",
            "Công tác kiểm tra, giám sát được thực hiện với phương châm lấy phòng ngừa là chính, góp phần giữ nghiêm kỷ cương, kỷ luật trong Đảng.",
        ),
    ),
    "tuyen-giao-va-dan-van": Theme(
        stories=(
            Story(
                "Hội nghị báo cáo viên {period}",
                "Ngày {day}, {committee} tổ chức hội nghị báo cáo viên {period} cho đội ngũ báo cáo viên, tuyên truyền viên của các tổ chức cơ sở đảng.",
                (
                    "Tại hội nghị, báo cáo viên đã thông tin về tình hình kinh tế - xã hội của tỉnh, những điểm mới trong chủ trương của Trung ương và của Tỉnh ủy.",
                    "Tình hình tư tưởng của cán bộ, đảng viên và người lao động trong các cơ quan, đơn vị, doanh nghiệp cơ bản ổn định, tin tưởng vào sự lãnh đạo của Đảng.",
                ),
            ),
            Story(
                "Đẩy mạnh phong trào thi đua \u201cDân vận khéo\u201d trong khối cơ quan và doanh nghiệp",
                "Sáng {day}, Ban Tuyên giáo và Dân vận {committee_short} tổng kết phong trào thi đua \u201cDân vận khéo\u201d và biểu dương các mô hình tiêu biểu.",
                (
                    "Trong năm có {small} mô hình \u201cDân vận khéo\u201d được công nhận, tập trung vào cải cách hành chính, chăm lo đời sống người lao động và hỗ trợ các xã khó khăn.",
                    "Nhiều mô hình đã được nhân rộng, như \u201cMột cửa thân thiện\u201d ở các sở, ngành và \u201cĐồng hành cùng khách hàng\u201d ở các doanh nghiệp.",
                ),
            ),
            Story(
                "Cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh thu hút hàng nghìn lượt tham gia",
                "Sau {small} tháng phát động, cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh đã nhận được {count} bài dự thi của cán bộ, đảng viên, người lao động trong Đảng bộ Khối.",
                (
                    "Nhiều bài dự thi được đầu tư công phu, có nội dung sâu sắc, hình thức sáng tạo, thể hiện tình cảm của cán bộ, đảng viên đối với quê hương.",
                    "Ban tổ chức đã trao {small2} giải tập thể và nhiều giải cá nhân cho các tác giả có bài dự thi xuất sắc.",
                ),
            ),
        ),
        closings=(
            "Ban Tuyên giáo và Dân vận {committee_short} đề nghị các cấp ủy tiếp tục làm tốt công tác nắm bắt dư luận, kịp thời định hướng thông tin.",
        ),
    ),
    "hoc-tap-va-lam-theo-bac": Theme(
        stories=(
            Story(
                "Triển khai chuyên đề năm {year}: {theme}",
                "Ngày {day}, {committee} tổ chức hội nghị học tập chuyên đề năm {year} cho cán bộ chủ chốt các tổ chức cơ sở đảng.",
                (
                    "Mỗi tổ chức cơ sở đảng đều đăng ký ít nhất một việc làm cụ thể để làm theo Bác, gắn với nhiệm vụ chính trị của cơ quan, đơn vị.",
                    "Đảng viên được yêu cầu tự soi, tự sửa theo các chuẩn mực đạo đức cách mạng, nói đi đôi với làm, gương mẫu trong công việc và trong cuộc sống.",
                ),
            ),
            Story(
                "{org} với việc học tập và làm theo Bác",
                "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh đã trở thành việc làm thường xuyên tại {org}.",
                (
                    "Nhiều mô hình hay như \u201cMỗi ngày một việc tốt\u201d, \u201cCông sở thân thiện\u201d, \u201cNgười lao động học tập suốt đời\u201d được duy trì và lan tỏa.",
                    "{period}, đơn vị có {small} tập thể và {small2} cá nhân được khen thưởng vì có thành tích tiêu biểu trong học tập và làm theo Bác.",
                ),
            ),
        ),
        closings=(
            "Làm theo Bác bằng những việc làm cụ thể, thiết thực đã góp phần quan trọng vào việc hoàn thành nhiệm vụ chính trị của từng cơ quan, đơn vị.",
        ),
    ),
    "bao-ve-nen-tang-tu-tuong": Theme(
        stories=(
            Story(
                "Tăng cường bảo vệ nền tảng tư tưởng của Đảng trong tình hình mới",
                "Thực hiện {resolution}, {committee} đã ban hành kế hoạch và chỉ đạo các tổ chức cơ sở đảng triển khai nhiều giải pháp đồng bộ.",
                (
                    "Ban Chỉ đạo 35 {committee_short} thường xuyên theo dõi, nắm bắt thông tin, kịp thời định hướng để cán bộ, đảng viên nhận diện đúng bản chất vấn đề.",
                    "Mỗi đảng viên cần chủ động tìm hiểu thông tin chính thống, không chia sẻ, bình luận những nội dung chưa được kiểm chứng.",
                ),
            ),
            Story(
                "Tỉnh táo trước những luận điệu xuyên tạc về {topic}",
                "Thời gian qua, trên một số trang mạng xuất hiện những thông tin sai lệch, suy diễn về {topic}, gây hoang mang trong một bộ phận người đọc.",
                (
                    "Những luận điệu này thường cắt xén sự thật, lấy cá biệt để quy chụp cho cái chung nhằm hạ thấp uy tín của tổ chức đảng.",
                    "Thực tiễn phát triển của tỉnh nhà là minh chứng sinh động cho đường lối đúng đắn của Đảng, bác bỏ mọi luận điệu sai trái.",
                ),
            ),
            Story(
                "Cuộc thi viết chính luận về bảo vệ nền tảng tư tưởng của Đảng năm {year}",
                "Ngày {day}, {committee} tổng kết, trao giải cuộc thi viết chính luận về bảo vệ nền tảng tư tưởng của Đảng năm {year}.",
                (
                    "Cuộc thi năm nay nhận được {count} tác phẩm, trong đó nhiều bài viết có lập luận chặt chẽ, dẫn chứng thuyết phục từ chính thực tiễn của cơ quan, doanh nghiệp.",
                    "Ban Giám khảo đã chọn {small2} tác phẩm xuất sắc để gửi dự thi cấp tỉnh.",
                ),
            ),
        ),
        closings=(
            "Bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ của toàn Đảng, của mỗi tổ chức đảng và mỗi đảng viên.",
        ),
    ),
    "guong-nguoi-tot-viec-tot": Theme(
        stories=(
            Story(
                "Người đảng viên tận tụy ở {host}",
                "Hơn {small} năm công tác tại {host}, đồng chí {person} luôn được đồng nghiệp quý mến bởi sự tận tụy và tinh thần trách nhiệm.",
                (
                    "Không chỉ giỏi chuyên môn, đồng chí còn tích cực tham gia các hoạt động thiện nguyện, giúp đỡ gia đình khó khăn trên địa bàn.",
                    "Nhiều năm liền, đồng chí được đánh giá hoàn thành xuất sắc nhiệm vụ và được {committee} tặng giấy khen.",
                    "Theo đồng chí {person}, điều quan trọng nhất là làm việc bằng cả tấm lòng và luôn đặt lợi ích chung lên trên.",
                ),
            ),
            Story(
                "Đảng viên trẻ say mê đổi mới sáng tạo ở {host}",
                "Là đảng viên trẻ của {org}, đồng chí {person} đã có nhiều sáng kiến giúp rút ngắn thời gian xử lý công việc.",
                (
                    "Trong năm, đồng chí có {small} sáng kiến được công nhận, làm lợi cho đơn vị hàng trăm triệu đồng.",
                    "Đồng chí còn chủ động hướng dẫn đồng nghiệp sử dụng các phần mềm mới, góp phần đẩy nhanh chuyển đổi số của đơn vị.",
                ),
            ),
        ),
        closings=(
            "Những tấm gương bình dị như vậy đang góp phần lan tỏa tinh thần làm theo Bác trong Đảng bộ Khối.",
        ),
    ),
}

BODY_EXTRA_PARAGRAPHS = (
    "Cũng tại buổi làm việc, các đại biểu đã trao đổi kinh nghiệm trong lãnh đạo thực hiện nhiệm vụ chuyên môn, công tác đoàn thể và chăm lo đời sống người lao động.",
    "Số liệu cho thấy, tổng số đảng viên của Đảng bộ Khối hiện nay là {members} đồng chí, sinh hoạt tại {tccs} tổ chức cơ sở đảng trực thuộc.",
    "Nhiều ý kiến đề nghị tăng cường phối hợp giữa cấp ủy với thủ trưởng cơ quan, đơn vị trong việc giải quyết những vấn đề phát sinh ngay từ cơ sở.",
    "Cấp ủy đã chỉ đạo xây dựng kế hoạch hành động cụ thể, xác định rõ lộ trình, thời gian hoàn thành và trách nhiệm của từng tập thể, cá nhân.",
)


@dataclass
class PersonName:
    full_name: str
    is_female: bool


def person_name(rng: random.Random) -> PersonName:
    female = rng.random() < 0.42
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return PersonName(f"{rng.choice(FAMILY_NAMES)} {middle} {given}", female)


def vn_date(value: date) -> str:
    return f"{value.day}/{value.month}/{value.year}"


def period_of(value: date) -> str:
    month = value.month
    if month <= 3:
        return f"năm {value.year - 1}"
    if month <= 6:
        return f"quý I năm {value.year}"
    if month <= 9:
        return f"6 tháng đầu năm {value.year}"
    return f"9 tháng đầu năm {value.year}"


def term_of(value: date) -> str:
    return "2025 - 2030" if (value.year, value.month) >= (2025, 7) else "2020 - 2025"


@dataclass
class WrittenArticle:
    title: str
    sapo: str
    body: str
    author_name: str
    source_name: str
    source_url: str
    cover_caption: str


class ArticleWriter:
    """Assembles a plausible article for a category theme from the patterns above."""

    def __init__(
        self,
        *,
        leaders: list[tuple[date, str]],
        units: list[tuple[str, str]],
        members: int,
        tccs: int,
    ):
        """`leaders`: (from date, name) of the successive Bí thư; `units`: (organization, host unit)."""
        self.leaders = sorted(leaders)
        self.units = units or [(BLOC_NAME, f"các cơ quan, doanh nghiệp tỉnh {PROVINCE}")]
        self.members = members
        self.tccs = tccs

    def leader_on(self, day: date) -> str:
        names = [name for since, name in self.leaders if since <= day] or [self.leaders[0][1]]
        return names[-1]

    def write(self, rng: random.Random, theme_key: str, day: date) -> WrittenArticle:
        theme = THEMES[theme_key]
        org, host = rng.choice(self.units)
        slots = {
            "committee": COMMITTEE,
            "committee_short": COMMITTEE_SHORT,
            "leader": self.leader_on(day),
            "org": org,
            "host": host,
            "person": person_name(rng).full_name,
            "day": vn_date(day),
            "year": day.year,
            "prev_year": day.year - 1,
            "period": period_of(day),
            "term": term_of(day),
            "n": rng.randint(2, 12),
            "resolution": rng.choice(RESOLUTIONS),
            "topic": rng.choice(TOPICS),
            "theme": YEAR_THEMES.get(day.year, YEAR_THEMES[2026]),
            "done": rng.randint(14, 19),
            "total": 20,
            "count": rng.randint(60, 480),
            "count2": rng.randint(25, 160),
            "small": rng.randint(2, 9),
            "small2": rng.randint(2, 9),
            "percent": rng.randint(101, 128),
            "members": f"{self.members:,}".replace(",", "."),
            "tccs": self.tccs,
        }
        story = rng.choice(theme.stories)
        title = story.title.format(**slots)
        title = title[0].upper() + title[1:]
        lead = story.lead.format(**slots)
        keep = sorted(
            rng.sample(range(len(story.details)), k=max(2, len(story.details) - rng.randint(0, 1)))
        )
        paragraphs = [story.details[i].format(**slots) for i in keep]
        if rng.random() < 0.4:
            paragraphs.append(rng.choice(BODY_EXTRA_PARAGRAPHS).format(**slots))
        paragraphs.append(rng.choice(theme.closings).format(**slots))
        body_parts = [f"<p>{paragraph}</p>" for paragraph in paragraphs]
        if rng.random() < 0.25:
            body_parts.insert(
                2,
                f"<h3>{rng.choice(('Kết quả nổi bật', 'Những việc cần làm ngay', 'Giải pháp thời gian tới'))}</h3>",
            )
        if rng.random() < 0.2:
            body_parts.insert(
                -1,
                "<blockquote><p>\u201cMỗi cán bộ, đảng viên phải thực sự là tấm gương trong công việc, "
                "gần dân, trọng dân và có trách nhiệm với dân.\u201d</p></blockquote>",
            )
        source_name, source_url = rng.choice(SOURCES)
        caption = f"Quang cảnh {('hội nghị' if 'Hội nghị' in title else 'buổi làm việc')} ngày {slots['day']}."
        return WrittenArticle(
            title=title,
            sapo=lead,
            body="\n".join(body_parts),
            author_name=rng.choice(PEN_NAMES),
            source_name=source_name,
            source_url=source_url,
            cover_caption=caption,
        )
