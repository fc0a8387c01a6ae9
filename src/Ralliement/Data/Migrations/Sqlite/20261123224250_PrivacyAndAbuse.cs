using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ralliement.Data.Migrations.Sqlite
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

            // The address column becomes the sealed address, filled by ResealAddresses, which seals
            // the addresses still needed and drops the others at the first start.

            migrationBuilder.AddColumn<string>(
                name: "ConsentVersion",
                table: "Signatures",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoldReason",
                table: "Signatures",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailDomain",
                table: "Signatures",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TextVersion",
                table: "Signatures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HoldsUnprovenSignatures",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PersonalDataPurgedAt",
                table: "Campaigns",
                type: "TEXT",
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
        }
    }
}
