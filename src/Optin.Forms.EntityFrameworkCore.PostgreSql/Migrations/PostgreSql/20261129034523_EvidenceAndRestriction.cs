using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.PostgreSql
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "message_id",
                table: "optin_consent_events",
                type: "character varying(998)",
                maxLength: 998,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template_id",
                table: "optin_consent_events",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template_sha256",
                table: "optin_consent_events",
                type: "character varying(64)",
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
