using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ralliement.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PrivacyAndAbuse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Email",
                table: "Signatures",
                newName: "SealedEmail");

            migrationBuilder.AddColumn<string>(
                name: "ConsentVersion",
                table: "Signatures",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoldReason",
                table: "Signatures",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailDomain",
                table: "Signatures",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            // The address column becomes the sealed address: wider, and filled by ResealAddresses,
            // which seals the addresses still needed and drops the others at the first start.
            migrationBuilder.AlterColumn<string>(
                name: "SealedEmail",
                table: "Signatures",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TextVersion",
                table: "Signatures",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "Outbox",
                type: "character varying(512)",
                maxLength: 512,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254);

            migrationBuilder.AddColumn<bool>(
                name: "HoldsUnprovenSignatures",
                table: "Organisations",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PersonalDataPurgedAt",
                table: "Campaigns",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConsentVersion",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "HoldReason",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "EmailDomain",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "TextVersion",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "HoldsUnprovenSignatures",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "PersonalDataPurgedAt",
                table: "Campaigns");

            migrationBuilder.RenameColumn(
                name: "SealedEmail",
                table: "Signatures",
                newName: "Email");

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "Outbox",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(512)",
                oldMaxLength: 512);
        }
    }
}
