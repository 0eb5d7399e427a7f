using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsByUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CaseDayFigures_UnitId_Day",
                table: "CaseDayFigures",
                columns: new[] { "UnitId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDayDurations_UnitId_Day",
                table: "CaseDayDurations",
                columns: new[] { "UnitId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseDayFigures_UnitId_Day",
                table: "CaseDayFigures");

            migrationBuilder.DropIndex(
                name: "IX_CaseDayDurations_UnitId_Day",
                table: "CaseDayDurations");
        }
    }
}
