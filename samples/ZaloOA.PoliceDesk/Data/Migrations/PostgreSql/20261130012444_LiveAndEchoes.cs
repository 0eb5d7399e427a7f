using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class LiveAndEchoes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CitizenReaction",
                table: "Messages",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FromZaloTools",
                table: "Messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OaReaction",
                table: "Messages",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReceivedByCitizenAt",
                table: "Messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SeenByCitizenAt",
                table: "Messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeskChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeskChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeskChanges_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnmatchedZaloEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OaId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CitizenUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ZaloMsgId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmatchedZaloEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_EchoZaloMessageId",
                table: "Messages",
                column: "OutboundZaloMessageId",
                unique: true,
                filter: "\"FromZaloTools\"");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OutboundZaloMessageId",
                table: "Messages",
                column: "OutboundZaloMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_DeskChanges_At",
                table: "DeskChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_DeskChanges_CaseId",
                table: "DeskChanges",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_UnmatchedZaloEvents_ReceivedAt",
                table: "UnmatchedZaloEvents",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_UnmatchedZaloEvents_ZaloMsgId_EventName",
                table: "UnmatchedZaloEvents",
                columns: new[] { "ZaloMsgId", "EventName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeskChanges");

            migrationBuilder.DropTable(
                name: "UnmatchedZaloEvents");

            migrationBuilder.DropIndex(
                name: "IX_Messages_EchoZaloMessageId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_OutboundZaloMessageId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "CitizenReaction",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "FromZaloTools",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "OaReaction",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ReceivedByCitizenAt",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SeenByCitizenAt",
                table: "Messages");
        }
    }
}
