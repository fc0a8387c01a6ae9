using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ralliement.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SignatoryKindIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_CampaignId_State_ShowPublicly_Id",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_CampaignId_State_ShowPublicly_Kind_Id",
                table: "Signatures",
                columns: new[] { "CampaignId", "State", "ShowPublicly", "Kind", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_CampaignId_State_ShowPublicly_Kind_Id",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_CampaignId_State_ShowPublicly_Id",
                table: "Signatures",
                columns: new[] { "CampaignId", "State", "ShowPublicly", "Id" });
        }
    }
}
