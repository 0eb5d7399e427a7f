using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TrustBoundaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "Staff",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AnonymizedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteAddress",
                table: "Audit",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AnonymizedAt_ClosedAt",
                table: "Cases",
                columns: new[] { "AnonymizedAt", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Audit_Action_At",
                table: "Audit",
                columns: new[] { "Action", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AnonymizedAt_ClosedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Audit_Action_At",
                table: "Audit");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "AnonymizedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RemoteAddress",
                table: "Audit");
        }
    }
}
