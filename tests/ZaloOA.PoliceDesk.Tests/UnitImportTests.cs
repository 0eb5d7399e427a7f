using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Units;
using ZaloOA.PoliceDesk.Units.Import;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The unit hierarchy as data: the samples, the validation report, idempotent re-import,
/// moves, scope, and the Đơn vị page's import and export.</summary>
public sealed class UnitImportTests : IDisposable
{
    private const string Header = "code,name,level,level_name,parent,hotlines,address\n";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public UnitImportTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<UnitImportReport> ImportAsync(string csv, DeskUser? actor = null, bool apply = true, DeskFactory? desk = null)
    {
        await using var scope = (desk ?? _desk).Services.CreateAsyncScope();
        var rows = await UnitFileFormat.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), UnitFileKind.Csv, Ct);
        return await scope.ServiceProvider.GetRequiredService<UnitHierarchy>().ImportAsync(rows, actor, apply, Ct);
    }

    private static async Task<string> SampleAsync(HierarchySample sample)
    {
        using var reader = new StreamReader(HierarchySamples.Open(sample));
        return await reader.ReadToEndAsync(Ct);
    }

    private Task<Dictionary<string, string>> PathsAsync() => _desk.DbAsync(db => db.Units.ToDictionaryAsync(u => u.Code, u => u.Path, Ct));

    private Task<int> AuditCountAsync() => _desk.DbAsync(db => db.Audit.CountAsync(Ct));

    private async Task<DeskUser> AdminAsync() => await _desk.DbAsync(async db =>
    {
        var admin = await db.Staff.Include(s => s.Unit).SingleAsync(s => s.UserName == TraVinhSeed.AdminUserName, Ct);
        return new DeskUser(admin.Id, admin.UserName, admin.DisplayName, admin.Role, admin.UnitId, admin.Unit.Path);
    });

    [Fact]
    public async Task The_seed_is_the_three_level_sample_file()
    {
        var paths = await PathsAsync();

        Assert.Equal(23, paths.Count);
        Assert.Equal("/CAT-TRAVINH/", paths["CAT-TRAVINH"]);
        Assert.Equal("/CAT-TRAVINH/CATP-TRAVINH/", paths["CATP-TRAVINH"]);
        Assert.Equal("/CAT-TRAVINH/CATP-TRAVINH/CAX-LONGDUC/", paths["CAX-LONGDUC"]);
        var levels = await _desk.DbAsync(db => db.UnitLevels.OrderBy(l => l.Depth).Select(l => l.Code + ":" + l.Depth).ToListAsync(Ct));
        Assert.Equal(["tinh:0", "huyen:1", "xa:2"], levels);
        var province = await _desk.DbAsync(db => db.Units.SingleAsync(u => u.Code == "CAT-TRAVINH", Ct));
        Assert.Equal("0294 3862 113; 113", province.Hotlines);
        Assert.Equal("Số 1 Lê Thánh Tôn, Phường 2, TP Trà Vinh", province.Address);
    }

    [Fact]
    public async Task Re_importing_the_three_level_sample_changes_nothing()
    {
        var before = await AuditCountAsync();

        var report = await ImportAsync(await SampleAsync(HierarchySample.TraVinh2021));

        Assert.True(report.IsValid, report.ToString());
        Assert.Equal((23, 0, 0, 23, 0), (report.Rows, report.Created, report.Updated, report.Unchanged, report.Moved));
        Assert.Equal(before + 1, await AuditCountAsync());
    }

    [Fact]
    public async Task The_two_level_sample_imports_cleanly_as_a_second_province()
    {
        var report = await ImportAsync(await SampleAsync(HierarchySample.VinhLong2025));

        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(125, report.Created);
        var paths = await PathsAsync();
        Assert.Equal("/CAT-VINHLONG/", paths["CAT-VINHLONG"]);
        Assert.Equal("/CAT-VINHLONG/CAX-MAU124/", paths["CAX-MAU124"]);
        Assert.Equal(124, paths.Count(p => p.Value.StartsWith("/CAT-VINHLONG/", StringComparison.Ordinal) && p.Value.Count(c => c == '/') == 3));
    }

    [Fact]
    public async Task A_development_database_can_be_seeded_with_the_two_level_sample()
    {
        using var state = new DeskState();
        using var desk = new DeskFactory(state).WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Desk:Units:Sample"] = "VinhLong2025",
            ["Zalo:Accounts:0:UnitCode"] = "CAX-MAU001",
            ["Zalo:Accounts:1:UnitCode"] = "CAX-MAU002",
        })));

        var units = await desk.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<DeskDbContext>()
            .Units.Include(u => u.Level).OrderBy(u => u.Path).ToListAsync(Ct);

        Assert.Equal(125, units.Count);
        Assert.Equal(("CAT-VINHLONG", "tinh", 0), (units[0].Code, units[0].Level.Code, units[0].Level.Depth));
        Assert.All(units.Skip(1), u => Assert.Equal(("xa", 1, units[0].Id), (u.Level.Code, u.Level.Depth, u.ParentId!.Value)));
        Assert.Equal("Công an xã mẫu 001 (tên giả định)", units[1].Name);
        var client = desk.CreateClient(new() { AllowAutoRedirect = false });
        (await DeskFactory.LogInAsync(client, "canbo.xa001")).Dispose();
    }

    [Theory]
    [InlineData("X1,Xã 1,xa,,CAT-NOWHERE,113,\n", UnitImportProblem.UnknownParent)]
    [InlineData("CATP-TRAVINH,Trùng mã,huyen,,CAT-TRAVINH,113,\nCATP-TRAVINH,Trùng lần hai,huyen,,CAT-TRAVINH,113,\n", UnitImportProblem.DuplicateCode)]
    [InlineData("CY-A,A,xa,,CY-B,113,\nCY-B,B,xa,,CY-A,113,\n", UnitImportProblem.Cycle)]
    [InlineData("X1,Xã 1,,,CAT-TRAVINH,113,\n", UnitImportProblem.MissingLevel)]
    [InlineData("X1,Xã 1,phuongmoi,,CAT-TRAVINH,113,\n", UnitImportProblem.MissingLevel)]
    [InlineData("X1,Xã 1,xa,,CAT-TRAVINH,113; gọi ngay,\n", UnitImportProblem.BadHotline)]
    [InlineData("X1,Xã 1,xa,,CAT-TRAVINH,12,\n", UnitImportProblem.BadHotline)]
    [InlineData("X1,,xa,,CAT-TRAVINH,113,\n", UnitImportProblem.MissingField)]
    [InlineData("X/1,Xã 1,xa,,CAT-TRAVINH,113,\n", UnitImportProblem.BadCode)]
    [InlineData("X1,Xã 1,xa,Cấp xã,CAT-TRAVINH,113,\nX2,Xã 2,xa,Cấp phường,CAT-TRAVINH,113,\n", UnitImportProblem.LevelConflict)]
    public async Task A_bad_row_is_reported_with_its_reason_and_nothing_is_written(string rows, UnitImportProblem problem)
    {
        var before = await PathsAsync();
        var audits = await AuditCountAsync();
        // A good row first: it must not be written either.
        var report = await ImportAsync(Header + "GOOD-1,Xã tốt,xa,,CATP-TRAVINH,113,\n" + rows);

        Assert.False(report.Applied);
        Assert.Contains(report.Errors, e => e.Problem == problem);
        Assert.DoesNotContain(report.Errors, e => e.Code == "GOOD-1");
        Assert.Equal(before, await PathsAsync());
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task An_over_long_name_is_reported_with_its_line()
    {
        var report = await ImportAsync(Header + "GOOD-1,Xã tốt,xa,,CATP-TRAVINH,113,\nLONG-1," + new string('a', Unit.MaxNameLength + 1) + ",xa,,CATP-TRAVINH,113,\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "LONG-1", UnitImportProblem.TooLong), (error.Line, error.Code, error.Problem));
        Assert.False(await _desk.DbAsync(db => db.Units.AnyAsync(u => u.Code == "GOOD-1", Ct)));
    }

    [Fact]
    public async Task A_cycle_through_existing_units_is_refused()
    {
        // The province under one of its own communes.
        var report = await ImportAsync(Header + "CAT-TRAVINH,Công an tỉnh Trà Vinh,tinh,,CAX-LONGDUC,113,\n");

        Assert.Equal(UnitImportProblem.Cycle, Assert.Single(report.Errors).Problem);
        Assert.Equal("/CAT-TRAVINH/", (await PathsAsync())["CAT-TRAVINH"]);
    }

    [Fact]
    public async Task Moving_a_unit_moves_the_units_below_it()
    {
        var report = await ImportAsync(Header + "CATP-TRAVINH,Công an TP Trà Vinh,huyen,,CAH-CANGLONG,0294 3852 207; 113,\n");

        Assert.True(report.IsValid, report.ToString());
        Assert.Equal((1, 3), (report.Updated, report.Moved));
        var paths = await PathsAsync();
        Assert.Equal("/CAT-TRAVINH/CAH-CANGLONG/CATP-TRAVINH/", paths["CATP-TRAVINH"]);
        Assert.Equal("/CAT-TRAVINH/CAH-CANGLONG/CATP-TRAVINH/CAX-LONGDUC/", paths["CAX-LONGDUC"]);
    }

    [Fact]
    public async Task A_new_level_is_created_from_its_name()
    {
        var report = await ImportAsync(Header + "DK-1,Công an đặc khu mẫu (tên giả định),dackhu,\"Cấp đặc khu\",CAT-TRAVINH,113,\n");

        Assert.True(report.IsValid, report.ToString());
        var level = await _desk.DbAsync(db => db.UnitLevels.SingleAsync(l => l.Code == "dackhu", Ct));
        Assert.Equal(("Cấp đặc khu", 1), (level.Name, level.Depth));
    }

    [Fact]
    public async Task Checking_only_writes_nothing()
    {
        var report = await ImportAsync(Header + "NEW-1,Xã mới,xa,,CATP-TRAVINH,113,\n", apply: false);

        Assert.Equal((true, false, 1), (report.IsValid, report.Applied, report.Created));
        Assert.False(await _desk.DbAsync(db => db.Units.AnyAsync(u => u.Code == "NEW-1", Ct)));
    }

    [Fact]
    public async Task An_administrator_cannot_create_a_unit_outside_their_unit()
    {
        var admin = await AdminAsync();

        var report = await ImportAsync(Header + "CAT-KHAC,Công an tỉnh khác,tinh,,,113,\n", admin);

        Assert.Equal(UnitImportProblem.OutOfScope, Assert.Single(report.Errors).Problem);
    }

    [Fact]
    public async Task An_administrator_cannot_rename_a_level_every_province_shares()
    {
        var admin = await AdminAsync();

        var report = await ImportAsync(Header + "NEW-1,Xã mới,xa,Cấp cơ sở,CATP-TRAVINH,113,\n", admin);

        Assert.Equal((UnitImportProblem.OutOfScope, 2), (Assert.Single(report.Errors).Problem, report.Errors[0].Line));
        Assert.Equal("Cấp xã, phường, thị trấn", await _desk.DbAsync(db => db.UnitLevels.Where(l => l.Code == "xa").Select(l => l.Name).SingleAsync(Ct)));
    }

    [Fact]
    public async Task The_page_imports_a_file_and_audits_it()
    {
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await PostFileAsync(client, "don-vi.csv", Header + "NEW-1,Công an xã mới (tên giả định),xa,,CATP-TRAVINH,0294 3852 999; 113,\n", apply: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đã nhập danh sách đơn vị: 1 dòng: 1 đơn vị mới", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("/CAT-TRAVINH/CATP-TRAVINH/NEW-1/", (await PathsAsync())["NEW-1"]);
        var entry = await _desk.DbAsync(db => db.Audit.OrderByDescending(a => a.Id).FirstAsync(Ct));
        Assert.Equal((UnitAuditActions.Imported, "Quản trị Công an tỉnh"), (entry.Action, entry.ActorName));
    }

    [Fact]
    public async Task The_page_lists_every_bad_row_and_writes_nothing()
    {
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);
        var before = await PathsAsync();

        using var response = await PostFileAsync(client, "don-vi.csv",
            Header + "A1,Xã A,xa,,KHONG-CO,113,\nA1,Xã A lần hai,xa,,CATP-TRAVINH,113,\nA2,Xã B,,,CATP-TRAVINH,abc,\n", apply: true);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Tệp có 4 dòng lỗi; chưa ghi gì", html, StringComparison.Ordinal);
        foreach (var problem in new[] { UnitImportProblem.UnknownParent, UnitImportProblem.DuplicateCode, UnitImportProblem.MissingLevel, UnitImportProblem.BadHotline })
        {
            Assert.Contains($"data-problem=\"{problem}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(before, await PathsAsync());
    }

    [Fact]
    public async Task An_officer_may_not_import()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostFileAsync(client, "don-vi.csv", Header + "NEW-1,Xã mới,xa,,CATP-TRAVINH,113,\n", apply: true);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await _desk.DbAsync(db => db.Units.AnyAsync(u => u.Code == "NEW-1", Ct)));
    }

    [Fact]
    public async Task An_exported_json_file_re_imports_unchanged()
    {
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);
        var json = await client.GetStringAsync("/Units?handler=Export&format=json", Ct);

        using var response = await PostFileAsync(client, "don-vi.json", json, apply: true);

        Assert.Contains("23 dòng: 0 đơn vị mới, 0 cập nhật, 23 không đổi", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(UnitAuditActions.Exported, await _desk.DbAsync(db => db.Audit.Select(a => a.Action).ToListAsync(Ct)));
    }

    [Fact]
    public async Task The_csv_export_is_the_sample_file()
    {
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var bytes = await client.GetByteArrayAsync("/Units?handler=Export&format=csv", Ct);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var exported = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal((await SampleAsync(HierarchySample.TraVinh2021)).Split('\n').Order(StringComparer.Ordinal), exported.Split('\n').Order(StringComparer.Ordinal));
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string fileName, string content, bool apply)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/Units");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName },
            { new StringContent(apply ? "true" : "false"), "apply" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync("/Units?handler=Import", form, Ct);
    }
}
