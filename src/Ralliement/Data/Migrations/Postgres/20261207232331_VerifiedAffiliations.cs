using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ralliement.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerifiedAffiliations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ListedAnonymously",
                table: "Signatures",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "VerifiedInstitutionId",
                table: "Signatures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PublishedInFeed",
                table: "News",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AffiliationInstitutions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AffiliationInstitutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AffiliationInstitutions_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AffiliationDomains",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstitutionId = table.Column<int>(type: "integer", nullable: false),
                    Domain = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    IncludesSubdomains = table.Column<bool>(type: "boolean", nullable: false),
                    Excluded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AffiliationDomains", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AffiliationDomains_AffiliationInstitutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "AffiliationInstitutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AffiliationDomains_InstitutionId_Domain",
                table: "AffiliationDomains",
                columns: new[] { "InstitutionId", "Domain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AffiliationInstitutions_CampaignId_Name",
                table: "AffiliationInstitutions",
                columns: new[] { "CampaignId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AffiliationDomains");

            migrationBuilder.DropTable(
                name: "AffiliationInstitutions");

            migrationBuilder.DropColumn(
                name: "ListedAnonymously",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "VerifiedInstitutionId",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "PublishedInFeed",
                table: "News");
        }
    }
}
