using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Statistics;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Redis;

namespace ZaloOA.PoliceDesk.DataGen;

/// <summary>What to generate. The same options (seed, scale, now) give the same rows.</summary>
public sealed record GeneratorOptions
{
    /// <summary>PostgreSQL connection string of an empty (or absent) database; the desk's migrations create the schema.</summary>
    public required string Postgres { get; init; }

    /// <summary>Redis configuration; null: no tokens are written.</summary>
    public string? Redis { get; init; }

    /// <summary>The desk's Redis key prefix (<c>Redis:KeyPrefix</c>).</summary>
    public string RedisKeyPrefix { get; init; } = ZaloRedisOptions.DefaultKeyPrefix;

    /// <summary>1 = the full size (50,000 citizens, 1,000,000 cases); 0.01 = 1 %. The
    /// hierarchy (34 provinces, 3,319 communes) and its staff are always full size.</summary>
    public double Scale { get; init; } = 1;

    public int Seed { get; init; } = 18;

    /// <summary>The end of the three years of cases (cases are dated before it).</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Access tokens expire spread evenly over this window from <see cref="Now"/>
    /// (the token-refresh measurement sets one hour).</summary>
    public TimeSpan TokenExpirySpread { get; init; } = TimeSpan.FromHours(25);

    /// <summary>Case numbers' prefix (<c>Desk:CaseNumberPrefix</c>).</summary>
    public string CaseNumberPrefix { get; init; } = "VN";

    /// <summary>Every staff account's password (benchmark data only).</summary>
    public string Password { get; init; } = BenchPassword;

    public const string BenchPassword = "Bench-only-2026!";

    public int Provinces { get; init; } = 34;

    public int Communes { get; init; } = 3319;

    public int Citizens => Math.Max(50, (int)Math.Round(50_000 * Scale));

    public int Cases => Math.Max(100, (int)Math.Round(1_000_000 * Scale));
}

/// <summary>Row counts written and how long it took.</summary>
public sealed record GeneratorResult(int Units, int Staff, int Cases, long Messages, long Media, long Notes, int Tokens, TimeSpan Elapsed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"units {Units}, staff {Staff}, cases {Cases}, messages {Messages}, media {Media}, notes {Notes}, tokens {Tokens} in {Elapsed.TotalSeconds:F1} s");
}

/// <summary>
/// Fills a desk database with a national hierarchy and three years of reports. Shapes:
/// <list type="bullet">
/// <item>one root (national administration) → 34 provinces → 3,319 communes, names and codes marked
/// synthetic (<c>Công an xã mẫu 07-012 (tên giả định)</c>); every province and commune has an OA
/// (the id the desk's emulator gives that unit code, so emulator mode serves them);</item>
/// <item>staff: one national administrator, per province an administrator and two officers, per
/// commune two officers (user names <c>tw.admin</c>, <c>p07.admin</c>, <c>p07.cb1</c>, <c>p07x012.cb1</c>);</item>
/// <item>cases: skewed over units (Zipf, s = 1: the busiest 10 % of units get about 70 % of the cases)
/// and citizens (a few report often), growing over the three years; 1 + geometric(mean 4) messages,
/// every 1,000th case exactly 50; inbound images with stored (or, older than a year, purged) media
/// rows; replies by the unit's officers; 3 % transferred to another unit of the province; open cases
/// only where the desk allows one (one open case per citizen and OA), older ones closed.</item>
/// </list>
/// </summary>
public static class DeskDataGenerator
{
    /// <summary>Cases written per COPY round (the chunk's rows are held in memory).</summary>
    public const int ChunkSize = 20_000;

    /// <summary>A case with exactly this many messages every <see cref="LongCaseEvery"/> cases (the case-page measurement).</summary>
    public const int LongCaseMessages = 50;

    public const int LongCaseEvery = 1000;

    /// <summary>A word present in about 2 % of inbound messages, and one in about 0.05 % (search measurements).</summary>
    public const string CommonTerm = "xe máy";

    public const string RareTerm = "trộm chó";

    private static readonly string[] Openers =
    [
        "Tôi muốn báo", "Xin báo với công an", "Nhờ các anh kiểm tra", "Tôi phản ánh", "Cho tôi hỏi về", "Khẩn cấp:",
    ];

    private static readonly string[] Subjects =
    [
        "tiếng ồn karaoke", "nhóm thanh niên tụ tập", "đánh nhau ở chợ", "lấn chiếm vỉa hè", "đua xe ban đêm",
        "mất trộm điện thoại", "lừa đảo qua mạng", "người lạ khả nghi", "xả rác ra đường", "tai nạn giao thông",
        "thủ tục tạm trú", "cấp căn cước", "nhặt được ví tiền", "cháy nhà kho", "đỗ xe trái phép", "vay tiền lãi cao",
    ];

    private static readonly string[] Places =
    [
        "gần trường học", "ở đầu hẻm", "trước chợ", "cạnh cây xăng", "trên quốc lộ", "sau nhà văn hoá", "ở bến xe", "gần cầu",
    ];

    private static readonly string[] Replies =
    [
        "Công an xã đã tiếp nhận phản ánh, sẽ cử cán bộ kiểm tra.", "Cảm ơn anh/chị, chúng tôi đang xác minh.",
        "Đề nghị anh/chị cung cấp thêm hình ảnh.", "Vụ việc đã được xử lý, xin cảm ơn.", "Mời anh/chị đến trụ sở để làm việc.",
    ];

    public static async Task<GeneratorResult> RunAsync(GeneratorOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        var dbOptions = new DbContextOptionsBuilder<PostgreSqlDeskDbContext>().UseNpgsql(options.Postgres).Options;
        await using var db = new PostgreSqlDeskDbContext(dbOptions);
        // The desk's own schema: its migrations, as an instance would apply them on start.
        await db.Database.MigrateAsync(cancellationToken);
        if (await db.Units.AnyAsync(cancellationToken) || await db.Cases.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already has units or cases: the generator fills an empty desk database only.");
        }

        await log.WriteLineAsync($"migrated in {clock.Elapsed.TotalSeconds:F1} s");
        var random = new Random(options.Seed);
        var hierarchy = Hierarchy(options, random);
        await using var connection = new NpgsqlConnection(options.Postgres);
        await connection.OpenAsync(cancellationToken);
        new ModelCopy<UnitLevel>(db).Write(connection, hierarchy.Levels);
        new ModelCopy<Unit>(db).Write(connection, hierarchy.Units);
        var staff = Staff(options, hierarchy, random);
        new ModelCopy<StaffUser>(db).Write(connection, staff.All);
        await log.WriteLineAsync($"hierarchy: {hierarchy.Units.Count} units, {staff.All.Count} staff at {clock.Elapsed.TotalSeconds:F1} s");

        var counts = WriteCases(db, connection, options, hierarchy, staff, random, log, clock);

        foreach (var table in new[] { "UnitLevels", "Units", "Staff", "Cases", "Messages", "Media", "Notes" })
        {
            await using var setval = new NpgsqlCommand($"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT MAX(\"Id\") FROM \"{table}\"), 1))", connection);
            await setval.ExecuteScalarAsync(cancellationToken);
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 600 })
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        await log.WriteLineAsync($"sequences and ANALYZE at {clock.Elapsed.TotalSeconds:F1} s");
        // The statistics' daily table, built as the desk's worker builds it on a database it has not
        // seen (the rows above were copied past the desk, so nothing queued their days).
        var aggregated = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var days = await new StatisticsAggregator(db, TimeProvider.System).UpdateAllAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"CaseDayFigures\", \"CaseDayDurations\"", cancellationToken);
        await log.WriteLineAsync($"statistics: {days} days aggregated in {aggregated.Elapsed.TotalSeconds:F1} s");
        var tokens = options.Redis is null ? 0 : await WriteTokensAsync(options, hierarchy, cancellationToken);
        clock.Stop();
        return new GeneratorResult(hierarchy.Units.Count, staff.All.Count, counts.Cases, counts.Messages, counts.Media, counts.Notes, tokens, clock.Elapsed);
    }

    /// <summary>Applies the desk's pending migrations to a (generated) database, then ANALYZE.</summary>
    public static async Task MigrateAsync(string postgres, CancellationToken cancellationToken = default)
    {
        await using var db = new PostgreSqlDeskDbContext(new DbContextOptionsBuilder<PostgreSqlDeskDbContext>().UseNpgsql(postgres).Options);
        // Index builds on millions of rows outlast EF's default 30 s command timeout.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
    }

    /// <summary>The unit codes in generation order: index 0 the root, then each province followed by its communes.</summary>
    public static string ProvinceCode(int province) => string.Create(CultureInfo.InvariantCulture, $"CAT-M{province:D2}");

    public static string CommuneCode(int province, int commune) => string.Create(CultureInfo.InvariantCulture, $"CAX-M{province:D2}-{commune:D3}");

    public const string RootCode = "TW-MAU";

    private static HierarchyData Hierarchy(GeneratorOptions options, Random random)
    {
        var levels = new List<UnitLevel>
        {
            new() { Id = 1, Code = "tw", Name = "Trung ương", Depth = 0 },
            new() { Id = 2, Code = "tinh", Name = "Cấp tỉnh", Depth = 1 },
            new() { Id = 3, Code = "xa", Name = "Cấp xã, phường, đặc khu", Depth = 2 },
        };
        // Communes per province: uneven (60 to 160, like the real provinces), summing to the total.
        var sizes = Enumerable.Range(0, options.Provinces).Select(_ => 60 + random.NextDouble() * 100).ToArray();
        var scale = options.Communes / sizes.Sum();
        var perProvince = sizes.Select(s => (int)Math.Floor(s * scale)).ToArray();
        for (var i = 0; perProvince.Sum() < options.Communes; i = (i + 1) % perProvince.Length)
        {
            perProvince[i]++;
        }

        var linkedAt = options.Now.AddYears(-3).AddDays(-30);
        var units = new List<Unit>(options.Communes + options.Provinces + 1);
        var root = new Unit { Id = 1, Code = RootCode, Name = "Bộ Công an — đơn vị gốc mẫu (tên giả định)", LevelId = 1, Path = $"/{RootCode}/", Hotlines = "113" };
        units.Add(root);
        var provinceOf = new List<int> { 0 };
        for (var p = 1; p <= options.Provinces; p++)
        {
            var code = ProvinceCode(p);
            var province = new Unit
            {
                Id = units.Count + 1,
                Code = code,
                Name = string.Create(CultureInfo.InvariantCulture, $"Công an tỉnh mẫu {p:D2} (tên giả định)"),
                LevelId = 2,
                ParentId = root.Id,
                Path = root.Path + code + "/",
                Hotlines = "113",
                ZaloOaId = DeskEmulator.OaIdFor(code),
                ZaloLinkedAt = linkedAt,
            };
            units.Add(province);
            provinceOf.Add(province.Id);
            for (var c = 1; c <= perProvince[p - 1]; c++)
            {
                var communeCode = CommuneCode(p, c);
                units.Add(new Unit
                {
                    Id = units.Count + 1,
                    Code = communeCode,
                    Name = string.Create(CultureInfo.InvariantCulture, $"Công an xã mẫu {p:D2}-{c:D3} (tên giả định)"),
                    LevelId = 3,
                    ParentId = province.Id,
                    Path = province.Path + communeCode + "/",
                    Hotlines = "113",
                    ZaloOaId = DeskEmulator.OaIdFor(communeCode),
                    ZaloLinkedAt = linkedAt,
                });
                provinceOf.Add(province.Id);
            }
        }

        // Report weight: Zipf over a seeded shuffle of the units with an OA.
        var withOa = units.Where(u => u.ZaloOaId is not null).ToArray();
        random.Shuffle(withOa);
        var cumulative = new double[withOa.Length];
        var total = 0.0;
        for (var i = 0; i < withOa.Length; i++)
        {
            total += 1.0 / (i + 1);
            cumulative[i] = total;
        }

        return new HierarchyData(levels, units, provinceOf, withOa, cumulative);
    }

    private static StaffData Staff(GeneratorOptions options, HierarchyData hierarchy, Random random)
    {
        var hash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), options.Password);
        var all = new List<StaffUser>();
        var officers = new Dictionary<int, int[]>();
        var created = options.Now.AddYears(-3).AddDays(-60);
        StaffUser Add(Unit unit, string userName, string displayName, StaffRole role)
        {
            var user = new StaffUser
            {
                Id = all.Count + 1,
                UserName = userName,
                DisplayName = displayName,
                PasswordHash = hash,
                Role = role,
                UnitId = unit.Id,
                CreatedAt = created,
                SecurityStamp = random.NextInt64().ToString("x16", CultureInfo.InvariantCulture),
            };
            all.Add(user);
            return user;
        }

        foreach (var unit in hierarchy.Units)
        {
            var name = UserNamePrefix(unit.Code);
            switch (unit.LevelId)
            {
                case 1:
                    Add(unit, "tw.admin", "Quản trị toàn quốc (mẫu)", StaffRole.Administrator);
                    break;
                case 2:
                    Add(unit, name + ".admin", "Quản trị " + unit.Code, StaffRole.Administrator);
                    officers[unit.Id] = [Add(unit, name + ".cb1", "Cán bộ 1 " + unit.Code, StaffRole.UnitOfficer).Id, Add(unit, name + ".cb2", "Cán bộ 2 " + unit.Code, StaffRole.UnitOfficer).Id];
                    break;
                default:
                    officers[unit.Id] = [Add(unit, name + ".cb1", "Cán bộ 1 " + unit.Code, StaffRole.UnitOfficer).Id, Add(unit, name + ".cb2", "Cán bộ 2 " + unit.Code, StaffRole.UnitOfficer).Id];
                    break;
            }
        }

        return new StaffData(all, officers);
    }

    /// <summary><c>CAT-M07</c> → <c>p07</c>; <c>CAX-M07-012</c> → <c>p07x012</c>.</summary>
    public static string UserNamePrefix(string unitCode)
    {
        ArgumentNullException.ThrowIfNull(unitCode);
        return unitCode.StartsWith("CAX-M", StringComparison.Ordinal)
            ? "p" + unitCode[5..7] + "x" + unitCode[8..]
            : unitCode.StartsWith("CAT-M", StringComparison.Ordinal) ? "p" + unitCode[5..] : "tw";
    }

    private static (int Cases, long Messages, long Media, long Notes) WriteCases(
        PostgreSqlDeskDbContext db, NpgsqlConnection connection, GeneratorOptions options, HierarchyData hierarchy, StaffData staff, Random random, TextWriter log, Stopwatch clock)
    {
        var caseCopy = new ModelCopy<CitizenCase>(db);
        var messageCopy = new ModelCopy<CaseMessage>(db);
        var mediaCopy = new ModelCopy<MediaFile>(db);
        var noteCopy = new ModelCopy<CaseNote>(db);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var open = new HashSet<(int Unit, int Citizen)>();
        var start = options.Now.AddYears(-3);
        var span = options.Now - start;
        var vietnam = TimeSpan.FromHours(7);
        long messageId = 0, mediaId = 0, noteId = 0;
        var unitsById = hierarchy.Units.ToDictionary(u => u.Id);
        var communesOf = hierarchy.Units.Where(u => u.LevelId == 3).GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.Select(u => u.Id).ToArray());
        var total = options.Cases;
        for (var first = 1; first <= total; first += ChunkSize)
        {
            var last = Math.Min(total, first + ChunkSize - 1);
            var cases = new List<CitizenCase>(last - first + 1);
            var messages = new List<CaseMessage>((last - first + 1) * 6);
            var media = new List<MediaFile>();
            var notes = new List<CaseNote>();
            for (var id = first; id <= last; id++)
            {
                // Later years busier: the density of case i grows with its position.
                var position = (id - 0.5) / total;
                var created = start + span * Math.Pow(position, 0.8) + TimeSpan.FromSeconds(random.Next(0, 600));
                if (created >= options.Now)
                {
                    created = options.Now.AddMinutes(-1);
                }

                var origin = hierarchy.ReportingUnits[Pick(hierarchy.Weights, random)];
                var citizen = (int)(options.Citizens * Math.Pow(random.NextDouble(), 2));
                var age = options.Now - created;
                var wantsOpen = age < TimeSpan.FromDays(30) ? random.NextDouble() < 0.6 : random.NextDouble() < 0.02;
                var isOpen = wantsOpen && open.Add((origin.Id, citizen));
                var unit = origin;
                if (random.NextDouble() < 0.03)
                {
                    // Transferred: to another commune of the province (or from the province to a commune).
                    var provinceId = origin.LevelId == 2 ? origin.Id : origin.ParentId!.Value;
                    var siblings = communesOf[provinceId];
                    unit = unitsById[siblings[random.Next(siblings.Length)]];
                }

                var unitOfficers = staff.Officers[unit.Id];
                var messageCount = id % LongCaseEvery == 0 ? LongCaseMessages : Math.Min(40, 1 + Geometric(random, 4));
                var at = created;
                DateTimeOffset? firstResponse = null;
                var lastInbound = created;
                var category = (CaseCategory)random.Next(0, 6);
                string? summary = null;
                string? searchText = null;
                for (var m = 0; m < messageCount; m++)
                {
                    if (m > 0)
                    {
                        at += TimeSpan.FromMinutes(1 + (random.NextDouble() * random.NextDouble() * 600));
                    }

                    // The first message is the citizen's; after that citizens and officers alternate, loosely.
                    var inbound = m == 0 || random.NextDouble() < 0.5;
                    if (at > options.Now)
                    {
                        at = options.Now.AddMinutes(-1);
                    }

                    var message = new CaseMessage { Id = (int)++messageId, CaseId = id, At = at };
                    if (inbound)
                    {
                        lastInbound = at;
                        message.Direction = MessageDirection.Inbound;
                        message.ZaloMsgId = string.Create(CultureInfo.InvariantCulture, $"gen{messageId:x12}");
                        if (m > 0 && random.NextDouble() < 0.12)
                        {
                            message.Kind = MessageKind.Image;
                            media.Add(new MediaFile
                            {
                                Id = (int)++mediaId,
                                CaseId = id,
                                MessageId = message.Id,
                                Kind = MessageKind.Image,
                                SourceUrl = string.Create(CultureInfo.InvariantCulture, $"https://photo.example.invalid/gen/{messageId:x12}.jpg"),
                                FileName = string.Create(CultureInfo.InvariantCulture, $"{messageId:x12}.jpg"),
                                ContentType = "image/jpeg",
                                SizeBytes = 50_000 + random.Next(0, 2_000_000),
                                Status = age > TimeSpan.FromDays(365) ? MediaStatus.Purged : MediaStatus.Stored,
                                StoredPath = age > TimeSpan.FromDays(365) ? null : string.Create(CultureInfo.InvariantCulture, $"gen/{id}/{messageId:x12}.jpg"),
                                Attempts = 1,
                                NextAttemptAt = at,
                                CreatedAt = at,
                                StoredAt = at.AddSeconds(2),
                            });
                        }
                        else
                        {
                            message.Kind = MessageKind.Text;
                            message.Text = CitizenText(random, unit.Name);
                            message.SearchText = VietnameseText.Fold(message.Text);
                            summary ??= message.Text;
                        }
                    }
                    else
                    {
                        message.Direction = MessageDirection.Outbound;
                        message.Kind = MessageKind.Text;
                        message.Text = Replies[random.Next(Replies.Length)];
                        message.SearchText = VietnameseText.Fold(message.Text);
                        message.SentById = unitOfficers[random.Next(unitOfficers.Length)];
                        message.Delivery = DeliveryStatus.Sent;
                        message.OutboundZaloMessageId = string.Create(CultureInfo.InvariantCulture, $"out{messageId:x12}");
                        firstResponse ??= at;
                    }

                    // The case's search column as the desk's save hook builds it.
                    searchText = CaseSearchText.Append(searchText, message.SearchText);
                    messages.Add(message);
                }

                var year = created.ToOffset(vietnam).Year;
                var key = string.Create(CultureInfo.InvariantCulture, $"{options.CaseNumberPrefix}-{year}");
                var number = counters[key] = counters.GetValueOrDefault(key) + 1;
                var closedAt = isOpen ? (DateTimeOffset?)null : Min(at + TimeSpan.FromHours(1 + random.Next(0, 72)), options.Now);
                var @case = new CitizenCase
                {
                    Id = id,
                    Number = string.Create(CultureInfo.InvariantCulture, $"{key}-{number:D6}"),
                    UnitId = unit.Id,
                    OriginUnitId = origin.Id,
                    OaId = origin.ZaloOaId!,
                    CitizenUserId = CitizenUserId(citizen),
                    Category = category,
                    Status = !isOpen ? CaseStatus.Resolved : unit.Id != origin.Id ? CaseStatus.Transferred : firstResponse is null ? CaseStatus.New : CaseStatus.InProgress,
                    AssignedToId = firstResponse is null ? null : unitOfficers[random.Next(unitOfficers.Length)],
                    CreatedAt = created,
                    LastActivityAt = closedAt ?? at,
                    LastInboundAt = lastInbound,
                    FirstResponseAt = firstResponse,
                    ClosedAt = closedAt,
                    Summary = Truncate(summary ?? "[Hình ảnh]", 300),
                    // The clock as CaseClock stamps it with the default targets (first reply 1 day, handling 7 days).
                    FirstMessageAt = created,
                    FirstReplyDueAt = created.AddDays(1),
                    HandlingDueAt = created.AddDays(7),
                    NextDueAt = closedAt is not null ? null : firstResponse is null ? created.AddDays(1) : created.AddDays(7),
                    SearchText = searchText,
                    FirstReplySeconds = firstResponse is { } r ? (int)(r - created).TotalSeconds : null,
                    HandlingSeconds = closedAt is { } c ? (int)(c - created).TotalSeconds : null,
                };
                cases.Add(@case);
                if (random.NextDouble() < 0.1)
                {
                    notes.Add(new CaseNote { Id = (int)++noteId, CaseId = id, AuthorId = unitOfficers[0], Text = "Ghi chú nội bộ (dữ liệu mẫu).", CreatedAt = created.AddHours(2) });
                }
            }

            caseCopy.Write(connection, cases);
            messageCopy.Write(connection, messages);
            mediaCopy.Write(connection, media);
            noteCopy.Write(connection, notes);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cases {last}/{total}, messages {messageId} at {clock.Elapsed.TotalSeconds:F1} s"));
        }

        new ModelCopy<CaseNumberCounter>(db).Write(connection, counters.Select(kv => new CaseNumberCounter { Key = kv.Key, LastValue = kv.Value }));
        return (total, messageId, mediaId, noteId);
    }

    private static async Task<int> WriteTokensAsync(GeneratorOptions options, HierarchyData hierarchy, CancellationToken cancellationToken)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis!);
        // The SDK's own store: the record shape and version the desk's instances read.
        var store = new RedisZaloTokenStore(redis, new ZaloRedisOptions { KeyPrefix = options.RedisKeyPrefix });
        var units = hierarchy.ReportingUnits.OrderBy(u => u.Id).ToArray();
        var writes = units.Select((unit, i) => store.TrySaveAsync(unit.ZaloOaId!, new ZaloTokenSet
        {
            AccessToken = "gen-access-" + unit.ZaloOaId,
            RefreshToken = "gen-refresh-" + unit.ZaloOaId,
            IssuedAt = options.Now - TimeSpan.FromHours(25) + options.TokenExpirySpread * ((i + 0.5) / units.Length),
            AccessTokenExpiresAt = options.Now + options.TokenExpirySpread * ((i + 0.5) / units.Length),
        }, expectedVersion: null, cancellationToken).AsTask());
        var saved = await Task.WhenAll(writes);
        return saved.Count(s => s);
    }

    public static string CitizenUserId(int citizen) => string.Create(CultureInfo.InvariantCulture, $"8{citizen:D18}");

    private static string CitizenText(Random random, string unitName)
    {
        var roll = random.NextDouble();
        var subject = roll < 0.0005 ? RareTerm : roll < 0.02 ? CommonTerm + " không biển số" : Subjects[random.Next(Subjects.Length)];
        return $"{Openers[random.Next(Openers.Length)]} {subject} {Places[random.Next(Places.Length)]}, địa bàn {unitName}. Lúc {random.Next(0, 24)} giờ.";
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static int Geometric(Random random, double mean)
    {
        var p = 1 / mean;
        return (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - p));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private sealed record HierarchyData(List<UnitLevel> Levels, List<Unit> Units, List<int> ProvinceOf, Unit[] ReportingUnits, double[] Weights);

    private sealed record StaffData(List<StaffUser> All, Dictionary<int, int[]> Officers);
}
