using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "AnonymizedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteAddress",
                table: "Audit",
                type: "TEXT",
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
