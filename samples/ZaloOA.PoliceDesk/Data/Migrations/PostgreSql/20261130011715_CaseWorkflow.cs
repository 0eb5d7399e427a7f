using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CaseWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AssignedToId",
                table: "Cases");

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoCaseId",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Cases",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Transfers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    FromUnitId = table.Column<int>(type: "integer", nullable: false),
                    ToUnitId = table.Column<int>(type: "integer", nullable: false),
                    ByStaffId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transfers_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Transfers_Staff_ByStaffId",
                        column: x => x.ByStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_Units_FromUnitId",
                        column: x => x.FromUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_Units_ToUnitId",
                        column: x => x.ToUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Assignee",
                table: "Cases",
                columns: new[] { "AssignedToId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_MergedIntoCaseId",
                table: "Cases",
                column: "MergedIntoCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ByStaffId",
                table: "Transfers",
                column: "ByStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_CaseId_At",
                table: "Transfers",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromUnitId",
                table: "Transfers",
                column: "FromUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToUnitId",
                table: "Transfers",
                column: "ToUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Cases_MergedIntoCaseId",
                table: "Cases",
                column: "MergedIntoCaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Cases_MergedIntoCaseId",
                table: "Cases");

            migrationBuilder.DropTable(
                name: "Transfers");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Assignee",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_MergedIntoCaseId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "MergedIntoCaseId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssignedToId",
                table: "Cases",
                column: "AssignedToId");
        }
    }
}
