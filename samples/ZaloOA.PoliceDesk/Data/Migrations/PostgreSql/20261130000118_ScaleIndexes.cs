using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SearchText_Trgm",
                table: "Messages",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CitizenUserId",
                table: "Cases",
                column: "CitizenUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Number_Trgm",
                table: "Cases",
                column: "Number")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SearchText_Trgm",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Cases_CitizenUserId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Number_Trgm",
                table: "Cases");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
