using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NextDueAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            // Cases stored before the column: the same rule as CaseClock (DeadlineRules.NextDue).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "NextDueAt" = CASE
                    WHEN "ClosedAt" IS NOT NULL THEN NULL
                    WHEN "FirstResponseAt" IS NULL THEN "FirstReplyDueAt"
                    ELSE "HandlingDueAt" END
                WHERE "ClosedAt" IS NULL;
                """);

            // Cases stored before the column: their messages' folded texts, oldest first, as the save
            // hook (Cases/CaseSearchText) appends them.
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "SearchText" = (
                    SELECT substr(group_concat(t, ' '), 1, 100000) FROM (
                        SELECT trim("SearchText") AS t FROM "Messages"
                        WHERE "Messages"."CaseId" = "Cases"."Id" AND trim("SearchText") <> '' ORDER BY "Id"))
                WHERE EXISTS (SELECT 1 FROM "Messages" WHERE "Messages"."CaseId" = "Cases"."Id" AND trim("SearchText") <> '');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_NextDueAt_Id",
                table: "Cases",
                columns: new[] { "NextDueAt", "Id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UnitId_NextDueAt_Id",
                table: "Cases",
                columns: new[] { "UnitId", "NextDueAt", "Id" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Unstamped",
                table: "Cases",
                column: "Id",
                filter: "\"FirstMessageAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_NextDueAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UnitId_NextDueAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Unstamped",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "NextDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Cases");
        }
    }
}
