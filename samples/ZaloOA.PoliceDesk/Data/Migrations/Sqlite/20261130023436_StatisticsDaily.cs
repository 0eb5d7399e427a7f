using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsDaily : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseDayDurations",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDayDurations", x => new { x.Day, x.UnitId, x.Category, x.Measure, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "CaseDayFigures",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    Answered = table.Column<int>(type: "INTEGER", nullable: false),
                    Closed = table.Column<int>(type: "INTEGER", nullable: false),
                    MissedFirstReply = table.Column<int>(type: "INTEGER", nullable: false),
                    MissedHandling = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDayFigures", x => new { x.Day, x.UnitId, x.Category });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsDayChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsDayChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    FreshAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Initialized = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsStates", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "StatisticsStates",
                columns: new[] { "Id", "FreshAt", "Initialized", "LeaseOwner", "LeaseUntil" },
                values: new object[] { 1, null, false, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsDayChanges_Day",
                table: "StatisticsDayChanges",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseDayDurations");

            migrationBuilder.DropTable(
                name: "CaseDayFigures");

            migrationBuilder.DropTable(
                name: "StatisticsDayChanges");

            migrationBuilder.DropTable(
                name: "StatisticsStates");
        }
    }
}
