using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ralliement.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnprovenRuleAndSpentProofs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The former box was ticked for every organisation by default, so it tells no choice apart:
            // every organisation takes the new default, holding unproven signatures during waves only.
            migrationBuilder.AddColumn<string>(
                name: "UnprovenSignatures",
                table: "Organisations",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "HoldDuringWaves");

            migrationBuilder.DropColumn(
                name: "HoldsUnprovenSignatures",
                table: "Organisations");

            migrationBuilder.CreateTable(
                name: "SpentProofs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpentProofs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SpentProofs_ExpiresAt",
                table: "SpentProofs",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SpentProofs");

            migrationBuilder.AddColumn<bool>(
                name: "HoldsUnprovenSignatures",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("""UPDATE "Organisations" SET "HoldsUnprovenSignatures" = 1 WHERE "UnprovenSignatures" = 'HoldAlways'""");

            migrationBuilder.DropColumn(
                name: "UnprovenSignatures",
                table: "Organisations");
        }
    }
}
