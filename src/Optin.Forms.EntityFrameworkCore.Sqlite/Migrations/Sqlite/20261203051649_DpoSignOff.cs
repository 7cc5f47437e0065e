using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DpoSignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "recipient",
                table: "optin_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "consent_box_sha256",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_sha256",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "form_sha256",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_address",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_hash",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "privacy_notice_sha256",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "optin_archive",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: false),
                    keep_until = table.Column<long>(type: "INTEGER", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_archive", x => x.contact_id);
                });

            migrationBuilder.CreateTable(
                name: "optin_chain_heads",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    head_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_chain_heads", x => x.contact_id);
                });

            migrationBuilder.CreateTable(
                name: "optin_content",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    media_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_content", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "optin_evidence_access",
                columns: table => new
                {
                    position = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_evidence_access", x => x.position);
                });

            migrationBuilder.CreateIndex(
                name: "IX_optin_jobs_finished_at",
                table: "optin_jobs",
                column: "finished_at",
                filter: "finished_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_optin_consent_events_kind_occurred_at",
                table: "optin_consent_events",
                columns: new[] { "kind", "occurred_at" },
                filter: "kind = 7");

            migrationBuilder.CreateIndex(
                name: "IX_optin_archive_keep_until",
                table: "optin_archive",
                column: "keep_until");

            migrationBuilder.CreateIndex(
                name: "IX_optin_evidence_access_contact_id_position",
                table: "optin_evidence_access",
                columns: new[] { "contact_id", "position" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_evidence_access_id",
                table: "optin_evidence_access",
                column: "id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "optin_archive");

            migrationBuilder.DropTable(
                name: "optin_chain_heads");

            migrationBuilder.DropTable(
                name: "optin_content");

            migrationBuilder.DropTable(
                name: "optin_evidence_access");

            migrationBuilder.DropIndex(
                name: "IX_optin_jobs_finished_at",
                table: "optin_jobs");

            migrationBuilder.DropIndex(
                name: "IX_optin_consent_events_kind_occurred_at",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "recipient",
                table: "optin_jobs");

            migrationBuilder.DropColumn(
                name: "address",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "consent_box_sha256",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "email_sha256",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "form_sha256",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "previous_address",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "privacy_notice_sha256",
                table: "optin_consent_events");
        }
    }
}
