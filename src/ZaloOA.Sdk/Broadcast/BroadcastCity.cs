namespace ZaloOA.Sdk.Broadcast;

/// <summary>
/// Province codes of broadcast targeting (<c>cities</c>), 0 to 63, as in the official .NET SDK's
/// <c>TargetBroadcastCities</c> [C]. They list the 63 provinces as they were before the 2025
/// administrative merger (how Zalo targets merged provinces is [U]); 63 means outside Vietnam. For example Trà Vinh is 13, Hồ Chí Minh 4,
/// Hà Nội 9, Đà Nẵng 20. A code not listed can be cast (<c>(BroadcastCity)64</c>).
/// </summary>
public enum BroadcastCity
{
    /// <summary>0: Đồng Tháp.</summary>
    DongThap = 0,

    /// <summary>1: Bình Phước.</summary>
    BinhPhuoc = 1,

    /// <summary>2: Ninh Bình.</summary>
    NinhBinh = 2,

    /// <summary>3: Bạc Liêu.</summary>
    BacLieu = 3,

    /// <summary>4: Thành phố Hồ Chí Minh.</summary>
    HoChiMinh = 4,

    /// <summary>5: Vĩnh Long.</summary>
    VinhLong = 5,

    /// <summary>6: Lâm Đồng.</summary>
    LamDong = 6,

    /// <summary>7: Yên Bái.</summary>
    YenBai = 7,

    /// <summary>8: Hà Nam.</summary>
    HaNam = 8,

    /// <summary>9: Hà Nội.</summary>
    HaNoi = 9,

    /// <summary>10: Hải Dương.</summary>
    HaiDuong = 10,

    /// <summary>11: Hậu Giang.</summary>
    HauGiang = 11,

    /// <summary>12: An Giang.</summary>
    AnGiang = 12,

    /// <summary>13: Trà Vinh.</summary>
    TraVinh = 13,

    /// <summary>14: Tiền Giang.</summary>
    TienGiang = 14,

    /// <summary>15: Tây Ninh.</summary>
    TayNinh = 15,

    /// <summary>16: Đồng Nai.</summary>
    DongNai = 16,

    /// <summary>17: Đắk Lắk.</summary>
    DakLak = 17,

    /// <summary>18: Bình Định.</summary>
    BinhDinh = 18,

    /// <summary>19: Kon Tum.</summary>
    KonTum = 19,

    /// <summary>20: Đà Nẵng.</summary>
    DaNang = 20,

    /// <summary>21: Bắc Giang.</summary>
    BacGiang = 21,

    /// <summary>22: Bắc Kạn.</summary>
    BacKan = 22,

    /// <summary>23: Điện Biên.</summary>
    DienBien = 23,

    /// <summary>24: Hòa Bình.</summary>
    HoaBinh = 24,

    /// <summary>25: Thái Bình.</summary>
    ThaiBinh = 25,

    /// <summary>26: Vĩnh Phúc.</summary>
    VinhPhuc = 26,

    /// <summary>27: Hà Giang.</summary>
    HaGiang = 27,

    /// <summary>28: Kiên Giang.</summary>
    KienGiang = 28,

    /// <summary>29: Bình Dương.</summary>
    BinhDuong = 29,

    /// <summary>30: Bình Thuận.</summary>
    BinhThuan = 30,

    /// <summary>31: Đắk Nông.</summary>
    DakNong = 31,

    /// <summary>32: Khánh Hòa.</summary>
    KhanhHoa = 32,

    /// <summary>33: Gia Lai.</summary>
    GiaLai = 33,

    /// <summary>34: Quảng Nam.</summary>
    QuangNam = 34,

    /// <summary>35: Quảng Trị.</summary>
    QuangTri = 35,

    /// <summary>36: Hà Tĩnh.</summary>
    HaTinh = 36,

    /// <summary>37: Hưng Yên.</summary>
    HungYen = 37,

    /// <summary>38: Quảng Ninh.</summary>
    QuangNinh = 38,

    /// <summary>39: Thanh Hóa.</summary>
    ThanhHoa = 39,

    /// <summary>40: Phú Thọ.</summary>
    PhuTho = 40,

    /// <summary>41: Lai Châu.</summary>
    LaiChau = 41,

    /// <summary>42: Thái Nguyên.</summary>
    ThaiNguyen = 42,

    /// <summary>43: Cao Bằng.</summary>
    CaoBang = 43,

    /// <summary>44: Cà Mau.</summary>
    CaMau = 44,

    /// <summary>45: Cần Thơ.</summary>
    CanTho = 45,

    /// <summary>46: Sóc Trăng.</summary>
    SocTrang = 46,

    /// <summary>47: Bến Tre.</summary>
    BenTre = 47,

    /// <summary>48: Long An.</summary>
    LongAn = 48,

    /// <summary>49: Bà Rịa – Vũng Tàu.</summary>
    BaRiaVungTau = 49,

    /// <summary>50: Ninh Thuận.</summary>
    NinhThuan = 50,

    /// <summary>51: Phú Yên.</summary>
    PhuYen = 51,

    /// <summary>52: Quảng Ngãi.</summary>
    QuangNgai = 52,

    /// <summary>53: Thừa Thiên Huế.</summary>
    ThuaThienHue = 53,

    /// <summary>54: Quảng Bình.</summary>
    QuangBinh = 54,

    /// <summary>55: Nghệ An.</summary>
    NgheAn = 55,

    /// <summary>56: Nam Định.</summary>
    NamDinh = 56,

    /// <summary>57: Hải Phòng.</summary>
    HaiPhong = 57,

    /// <summary>58: Lạng Sơn.</summary>
    LangSon = 58,

    /// <summary>59: Lào Cai.</summary>
    LaoCai = 59,

    /// <summary>60: Sơn La.</summary>
    SonLa = 60,

    /// <summary>61: Bắc Ninh.</summary>
    BacNinh = 61,

    /// <summary>62: Tuyên Quang.</summary>
    TuyenQuang = 62,

    /// <summary>63: Outside Vietnam.</summary>
    OutsideVietnam = 63,
}
