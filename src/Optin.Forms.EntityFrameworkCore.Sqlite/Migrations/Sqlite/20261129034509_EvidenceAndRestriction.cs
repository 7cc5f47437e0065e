using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvidenceAndRestriction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "processing_restricted",
                table: "optin_contacts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "message_id",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 998,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template_id",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template_sha256",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "processing_restricted",
                table: "optin_contacts");

            migrationBuilder.DropColumn(
                name: "message_id",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "template_id",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "template_sha256",
                table: "optin_consent_events");
        }
    }
}
