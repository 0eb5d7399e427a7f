using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            // Cases stored before the column: their messages' folded texts, oldest first, as the save
            // hook (Cases/CaseSearchText) appends them.
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "SearchText" = (
                    SELECT substr(group_concat(t, ' '), 1, 100000) FROM (
                        SELECT trim("SearchText") AS t FROM "Messages"
                        WHERE "Messages"."CaseId" = "Cases"."Id" AND trim("SearchText") <> '' ORDER BY "Id"))
                WHERE EXISTS (SELECT 1 FROM "Messages" WHERE "Messages"."CaseId" = "Cases"."Id" AND trim("SearchText") <> '');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Cases");
        }
    }
}
