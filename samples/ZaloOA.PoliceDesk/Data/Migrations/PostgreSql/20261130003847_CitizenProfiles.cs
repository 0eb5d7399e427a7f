using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CitizenProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Citizens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OaId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Avatar = table.Column<byte[]>(type: "bytea", nullable: true),
                    AvatarContentType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ProfileFetchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProfileDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProfileAttempts = table.Column<int>(type: "integer", nullable: false),
                    SharedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SharedPhone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SharedAddress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    InfoSharedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InfoRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BlockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BlockedById = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Citizens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Citizens_Staff_BlockedById",
                        column: x => x.BlockedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReplyTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplyTemplates_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Citizens_BlockedById",
                table: "Citizens",
                column: "BlockedById");

            migrationBuilder.CreateIndex(
                name: "IX_Citizens_OaId_UserId",
                table: "Citizens",
                columns: new[] { "OaId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Citizens_ProfileDueAt",
                table: "Citizens",
                column: "ProfileDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReplyTemplates_UnitId",
                table: "ReplyTemplates",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Citizens");

            migrationBuilder.DropTable(
                name: "ReplyTemplates");
        }
    }
}
