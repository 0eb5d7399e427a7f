using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeskData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FirstMessageAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FirstReplyDueAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FirstReplySeconds",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HandlingDueAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandlingSeconds",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeadlineTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProvinceUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FirstReplyMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlingMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadlineTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeadlineTargets_Units_ProvinceUnitId",
                        column: x => x.ProvinceUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ZaloLinkActivity",
                columns: table => new
                {
                    OaId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastWebhookAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZaloLinkActivity", x => x.OaId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OpenFirstReplyDue",
                table: "Cases",
                column: "FirstReplyDueAt",
                filter: "\"ClosedAt\" IS NULL AND \"FirstResponseAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OpenHandlingDue",
                table: "Cases",
                column: "HandlingDueAt",
                filter: "\"ClosedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Period",
                table: "Cases",
                columns: new[] { "CreatedAt", "UnitId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineTargets_ProvinceUnitId_Category",
                table: "DeadlineTargets",
                columns: new[] { "ProvinceUnitId", "Category" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeadlineTargets");

            migrationBuilder.DropTable(
                name: "ZaloLinkActivity");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OpenFirstReplyDue",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OpenHandlingDue",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Period",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FirstMessageAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FirstReplyDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FirstReplySeconds",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "HandlingDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "HandlingSeconds",
                table: "Cases");
        }
    }
}
