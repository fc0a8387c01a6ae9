using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ralliement.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 280,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShortTitle",
                table: "CampaignTexts",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "KitShowsLiveCount",
                table: "Campaigns",
                type: "INTEGER",
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
