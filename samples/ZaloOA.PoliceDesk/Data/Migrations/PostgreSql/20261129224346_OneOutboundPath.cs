using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OneOutboundPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "CaseMessageId",
                table: "Outbox",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<int>(
                name: "CaseId",
                table: "Outbox",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "Outbox",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Content",
                table: "Outbox",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Acknowledgements still waiting keep their text in the new content column.
            migrationBuilder.Sql("UPDATE \"Outbox\" SET \"Content\" = json_build_object('text', \"Text\")::text;");

            migrationBuilder.DropColumn(
                name: "Text",
                table: "Outbox");

            migrationBuilder.AddColumn<string>(
                name: "FallbackContent",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ZaloMessageId",
                table: "Outbox",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_OaId_CitizenUserId_Status",
                table: "Outbox",
                columns: new[] { "OaId", "CitizenUserId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_OaId_CitizenUserId_Status",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Content",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "FallbackContent",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ZaloMessageId",
                table: "Outbox");

            migrationBuilder.AlterColumn<int>(
                name: "CaseMessageId",
                table: "Outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "CaseId",
                table: "Outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Text",
                table: "Outbox",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");
        }
    }
}
