namespace ZaloOA.PoliceDesk.Procedures;

/// <summary>
/// The procedure catalogue seeded into an empty database: the police procedures citizens ask about
/// most, grouped as on the Ministry of Public Security's public-service portal. The content is a
/// summary for guidance, current to the laws named in each entry (Luật Cư trú 2020, Luật Căn cước
/// 2023, Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019, Thông tư 79/2024/TT-BCA on vehicle
/// registration); fees change by circular, so each unit should check them against the portal and
/// edit the catalogue in the desk.
/// </summary>
public static class ProcedureSeed
{
    /// <summary>The Ministry of Public Security's public-service portal.</summary>
    public const string BoCongAnPortal = "https://dichvucong.bocongan.gov.vn";

    /// <summary>The national public-service portal.</summary>
    public const string NationalPortal = "https://dichvucong.gov.vn";

    /// <summary>Categories in display order.</summary>
    public static readonly IReadOnlyList<SeedCategory> Categories =
    [
        new("dvctt", "Dịch vụ công trực tuyến", "Nộp hồ sơ, nộp lệ phí và theo dõi kết quả trực tuyến bằng tài khoản định danh điện tử VNeID."),
        new("xnc", "Xuất nhập cảnh (hộ chiếu)", "Cấp hộ chiếu phổ thông cho công dân Việt Nam ở trong nước."),
        new("xe", "Đăng ký và quản lý xe", "Đăng ký, sang tên, thu hồi đăng ký và biển số xe."),
        new("cutru", "Cư trú", "Đăng ký thường trú, tạm trú, khai báo tạm vắng, thông báo lưu trú."),
        new("cancuoc", "Căn cước", "Cấp, cấp đổi, cấp lại thẻ căn cước và tài khoản định danh điện tử."),
    ];

    /// <summary>Procedures in display order within their category.</summary>
    public static readonly IReadOnlyList<SeedProcedure> Procedures =
    [
        new("dvctt", "nop-truc-tuyen", "Nộp hồ sơ trực tuyến trên Cổng dịch vụ công Bộ Công an",
            "Cơ quan công an có thẩm quyền giải quyết thủ tục",
            """
            Đăng nhập Cổng dịch vụ công Bộ Công an bằng tài khoản định danh điện tử VNeID (mức độ 2).
            Chọn thủ tục cần thực hiện và cơ quan giải quyết.
            Điền tờ khai điện tử, đính kèm bản chụp giấy tờ theo hướng dẫn.
            Nộp lệ phí trực tuyến (nếu có) qua ngân hàng hoặc ví điện tử liên kết.
            Theo dõi trạng thái và nhận kết quả theo hình thức đã chọn (tại cơ quan công an hoặc qua bưu chính).
            """,
            """
            Tài khoản định danh điện tử VNeID mức độ 2.
            Bản chụp hoặc bản điện tử các giấy tờ theo từng thủ tục.
            """,
            "Theo từng thủ tục; nhiều lệ phí được giảm khi nộp trực tuyến.",
            "Theo từng thủ tục.",
            BoCongAnPortal),
        new("dvctt", "tra-cuu-ho-so", "Tra cứu tình trạng hồ sơ",
            "Cơ quan đã tiếp nhận hồ sơ",
            """
            Nhắn tin cho OA: #hoso và mã hồ sơ ghi trên giấy biên nhận (ví dụ: #hoso CATV-2026-000123).
            Hoặc tra cứu bằng mã hồ sơ trên Cổng dịch vụ công Bộ Công an, mục Tra cứu hồ sơ.
            """,
            "Mã hồ sơ trên giấy biên nhận hoặc trong thông báo tiếp nhận.",
            "Không mất phí.",
            "Ngay khi tra cứu.",
            BoCongAnPortal),

        new("xnc", "ho-chieu-cap-moi", "Cấp hộ chiếu phổ thông ở trong nước",
            "Phòng Quản lý xuất nhập cảnh Công an tỉnh hoặc Cục Quản lý xuất nhập cảnh",
            """
            Khai tờ khai đề nghị cấp hộ chiếu (mẫu TK01) trực tuyến hoặc tại cơ quan tiếp nhận.
            Nộp hồ sơ và chụp ảnh, lấy sinh trắc học tại Phòng Quản lý xuất nhập cảnh (hoặc nộp trực tuyến nếu đã có thẻ căn cước gắn chíp).
            Nộp lệ phí và nhận giấy hẹn.
            Nhận hộ chiếu tại nơi nộp hoặc qua bưu chính.
            """,
            """
            Tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01).
            Ảnh chân dung nền trắng cỡ 4cm x 6cm (chụp tại chỗ khi nộp trực tiếp).
            Thẻ căn cước hoặc căn cước công dân còn giá trị.
            Người dưới 14 tuổi: giấy khai sinh, người đại diện hợp pháp khai và ký thay.
            Hộ chiếu cũ (nếu đã được cấp).
            """,
            "200.000 đồng/lần cấp mới; 400.000 đồng khi cấp lại do bị hỏng hoặc mất (Thông tư 25/2021/TT-BTC; kiểm tra mức giảm khi nộp trực tuyến trên Cổng).",
            "Không quá 8 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
            BoCongAnPortal),

        new("xe", "dang-ky-xe-lan-dau", "Đăng ký xe lần đầu",
            "Công an cấp xã hoặc Phòng Cảnh sát giao thông Công an tỉnh (tùy loại xe)",
            """
            Kê khai giấy khai đăng ký xe trên Cổng dịch vụ công hoặc ứng dụng VNeID và nhận mã hồ sơ.
            Đưa xe đến cơ quan đăng ký để kiểm tra, nộp giấy tờ và bấm chọn biển số (biển số định danh).
            Nộp lệ phí đăng ký.
            Nhận giấy chứng nhận đăng ký xe tại cơ quan đăng ký hoặc qua bưu chính.
            """,
            """
            Giấy khai đăng ký xe.
            Giấy tờ của chủ xe (thẻ căn cước hoặc tài khoản định danh điện tử).
            Chứng từ nguồn gốc xe (phiếu kiểm tra chất lượng xuất xưởng hoặc tờ khai hải quan).
            Chứng từ chuyển quyền sở hữu (hóa đơn).
            Chứng từ nộp lệ phí trước bạ (cơ quan thuế chuyển dữ liệu điện tử).
            """,
            "Theo Thông tư 60/2023/TT-BTC, tùy loại xe và khu vực.",
            "Cấp biển số ngay khi hồ sơ hợp lệ; giấy chứng nhận đăng ký không quá 2 ngày làm việc.",
            BoCongAnPortal),
        new("xe", "sang-ten-xe", "Đăng ký sang tên, di chuyển xe",
            "Cơ quan đăng ký xe nơi người nhận chuyển quyền cư trú",
            """
            Chủ xe cũ làm thủ tục thu hồi đăng ký, biển số (trực tuyến hoặc tại cơ quan đăng ký).
            Người nhận xe kê khai giấy khai đăng ký xe và nộp hồ sơ đăng ký sang tên.
            Nộp lệ phí, nhận biển số (nếu cấp mới) và giấy chứng nhận đăng ký.
            """,
            """
            Giấy khai đăng ký xe.
            Chứng từ chuyển quyền sở hữu xe (hợp đồng mua bán, cho tặng có công chứng hoặc chứng thực).
            Chứng nhận thu hồi đăng ký, biển số xe.
            Chứng từ nộp lệ phí trước bạ.
            """,
            "Theo Thông tư 60/2023/TT-BTC.",
            "Không quá 2 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
            BoCongAnPortal),

        new("cutru", "dang-ky-thuong-tru", "Đăng ký thường trú",
            "Công an cấp xã nơi đăng ký thường trú",
            """
            Nộp tờ khai thay đổi thông tin cư trú (mẫu CT01) và giấy tờ chứng minh chỗ ở hợp pháp, trực tuyến hoặc tại Công an cấp xã.
            Cơ quan đăng ký cư trú kiểm tra, cập nhật Cơ sở dữ liệu về cư trú.
            Nhận thông báo kết quả (không cấp sổ hộ khẩu).
            """,
            """
            Tờ khai thay đổi thông tin cư trú (mẫu CT01).
            Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp.
            Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở (khi nhập vào hộ hoặc ở nhờ, thuê, mượn).
            """,
            "20.000 đồng; 10.000 đồng khi nộp trực tuyến (Thông tư 75/2022/TT-BTC).",
            "Không quá 7 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
            BoCongAnPortal),
        new("cutru", "dang-ky-tam-tru", "Đăng ký tạm trú",
            "Công an cấp xã nơi dự kiến tạm trú",
            """
            Nộp tờ khai thay đổi thông tin cư trú (mẫu CT01) trực tuyến hoặc tại Công an cấp xã.
            Cơ quan đăng ký cư trú kiểm tra và cập nhật thông tin tạm trú.
            Nhận thông báo kết quả.
            """,
            """
            Tờ khai thay đổi thông tin cư trú (mẫu CT01), có ý kiến đồng ý của chủ hộ hoặc chủ sở hữu chỗ ở.
            Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp.
            """,
            "15.000 đồng; 7.000 đồng khi nộp trực tuyến (Thông tư 75/2022/TT-BTC).",
            "Không quá 3 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
            BoCongAnPortal),
        new("cutru", "khai-bao-tam-vang", "Khai báo tạm vắng",
            "Công an cấp xã nơi cư trú",
            """
            Khai báo trực tuyến, qua ứng dụng VNeID hoặc trực tiếp tại Công an cấp xã trước khi đi.
            Nhận xác nhận khai báo tạm vắng.
            """,
            """
            Đề nghị khai báo tạm vắng (ghi rõ thời gian, nơi đến, lý do).
            """,
            "Không mất phí.",
            "Trong ngày làm việc; tối đa 1 ngày làm việc.",
            BoCongAnPortal),

        new("cancuoc", "cap-the-can-cuoc", "Cấp thẻ căn cước (lần đầu, từ đủ 14 tuổi)",
            "Công an cấp xã, cấp huyện hoặc Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an tỉnh",
            """
            Đến cơ quan quản lý căn cước (hoặc đặt lịch trên VNeID, Cổng dịch vụ công).
            Cán bộ đối chiếu thông tin trong Cơ sở dữ liệu quốc gia về dân cư, thu nhận ảnh khuôn mặt, vân tay, mống mắt.
            Kiểm tra, ký xác nhận phiếu thu nhận thông tin căn cước.
            Nhận giấy hẹn và nhận thẻ tại nơi làm thủ tục hoặc qua bưu chính.
            """,
            """
            Không cần giấy tờ nếu thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư.
            Người dưới 14 tuổi đi cùng người đại diện hợp pháp.
            """,
            "Cấp lần đầu: không mất phí.",
            "Không quá 7 ngày làm việc kể từ ngày nhận đủ hồ sơ (Luật Căn cước 2023).",
            BoCongAnPortal),
        new("cancuoc", "cap-doi-cap-lai-can-cuoc", "Cấp đổi, cấp lại thẻ căn cước",
            "Cơ quan quản lý căn cước nơi công dân cư trú",
            """
            Nộp yêu cầu trực tuyến trên VNeID, Cổng dịch vụ công hoặc trực tiếp tại cơ quan quản lý căn cước.
            Thu nhận lại ảnh khuôn mặt, sinh trắc học (nếu cần) và nộp lệ phí.
            Nhận thẻ mới tại nơi làm thủ tục hoặc qua bưu chính.
            """,
            """
            Thẻ căn cước hoặc căn cước công dân cũ (khi cấp đổi).
            Giấy tờ chứng minh thông tin thay đổi (nếu có).
            """,
            "Cấp đổi 50.000 đồng; cấp lại 70.000 đồng (Thông tư 73/2024/TT-BTC; kiểm tra mức giảm hiện hành).",
            "Không quá 7 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
            BoCongAnPortal),
    ];

    /// <summary>Sample dossiers for the <c>#hoso</c> look-up (fictitious codes).</summary>
    public static readonly IReadOnlyList<SeedDossier> Dossiers =
    [
        new("CATV-2026-000123", "Đăng ký thường trú", "CAP1-TPTRAVINH", "Đang xử lý", 2, 7, "Cán bộ đang xác minh chỗ ở hợp pháp."),
        new("CATV-2026-000124", "Cấp thẻ căn cước", "CATP-TRAVINH", "Đã có kết quả, chờ nhận", 9, 7, "Mời công dân mang giấy hẹn đến nhận thẻ trong giờ hành chính."),
        new("CATV-2026-000125", "Cấp hộ chiếu phổ thông ở trong nước", "CAT-TRAVINH", "Cần bổ sung hồ sơ", 3, 8, "Ảnh chân dung chưa đạt yêu cầu; vui lòng chụp lại tại nơi nộp hồ sơ."),
    ];
}

public sealed record SeedCategory(string Code, string Name, string Description);

public sealed record SeedProcedure(
    string CategoryCode, string Code, string Name, string Authority, string Steps, string Documents,
    string Fees, string ProcessingTime, string PortalUrl);

/// <summary>A sample dossier: received <see cref="DaysAgo"/> days before seeding, due <see cref="DueInDays"/> days after receipt.</summary>
public sealed record SeedDossier(string Code, string ProcedureName, string UnitCode, string Status, int DaysAgo, int DueInDays, string Note);
