using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace ZaloOA.PoliceDesk.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InboxAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SearchText_Trgm",
                table: "Messages");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextDueAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Cases",
                type: "text",
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
            // hook (Cases/CaseSearchText) appends them; then the word vector is generated from it.
            migrationBuilder.Sql("""
                UPDATE "Cases" AS c SET "SearchText" = m.t
                FROM (SELECT "CaseId", left(string_agg(btrim("SearchText"), ' ' ORDER BY "Id"), 100000) AS t
                      FROM "Messages" WHERE btrim("SearchText") <> '' GROUP BY "CaseId") AS m
                WHERE c."Id" = m."CaseId";
                """);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Cases",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple'::regconfig, coalesce(\"SearchText\", '')) || to_tsvector('simple'::regconfig, regexp_replace(coalesce(\"SearchText\", ''), '(\\S+) (\\S+)', '\\1\\2', 'g')) || to_tsvector('simple'::regconfig, regexp_replace(regexp_replace(coalesce(\"SearchText\", ''), '^\\S+ ?', ''), '(\\S+) (\\S+)', '\\1\\2', 'g'))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_NextDueAt_Id",
                table: "Cases",
                columns: new[] { "NextDueAt", "Id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SearchVector",
                table: "Cases",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");

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
                name: "IX_Cases_SearchVector",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UnitId_NextDueAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Unstamped",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "NextDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SearchText_Trgm",
                table: "Messages",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
