using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ralliement.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DisplayKit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "KitMessage",
                table: "CampaignTexts",
                type: "character varying(280)",
                maxLength: 280,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShortTitle",
                table: "CampaignTexts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "KitShowsLiveCount",
                table: "Campaigns",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KitMessage",
                table: "CampaignTexts");

            migrationBuilder.DropColumn(
                name: "ShortTitle",
                table: "CampaignTexts");

            migrationBuilder.DropColumn(
                name: "KitShowsLiveCount",
                table: "Campaigns");
        }
    }
}
