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

            // IF NOT EXISTS: on a large live database the operator may create these CONCURRENTLY
            // beforehand (desk README, sizing), which a migration cannot do inside its transaction.
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Messages_SearchText_Trgm" ON "Messages" USING gin ("SearchText" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Cases_CitizenUserId" ON "Cases" ("CitizenUserId");""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Cases_Number_Trgm" ON "Cases" USING gin ("Number" gin_trgm_ops);""");
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
