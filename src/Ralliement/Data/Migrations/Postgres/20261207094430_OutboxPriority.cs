using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ralliement.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxPriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_State_NextAttemptAt",
                table: "Outbox");

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // News was the only mail with an unsubscribe address; it keeps going after everything else.
            migrationBuilder.Sql("UPDATE \"Outbox\" SET \"Priority\" = 2 WHERE \"UnsubscribeUrl\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_State_Priority_NextAttemptAt_Id",
                table: "Outbox",
                columns: new[] { "State", "Priority", "NextAttemptAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_State_Priority_NextAttemptAt_Id",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Outbox");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_State_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "State", "NextAttemptAt" });
        }
    }
}
