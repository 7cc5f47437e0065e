using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DpoRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "optin_archive",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    archived_at = table.Column<long>(type: "bigint", nullable: false),
                    keep_until = table.Column<long>(type: "bigint", nullable: false),
                    document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_archive", x => x.contact_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_optin_jobs_finished_at",
                table: "optin_jobs",
                column: "finished_at");

            migrationBuilder.CreateIndex(
                name: "IX_optin_consent_events_kind_occurred_at",
                table: "optin_consent_events",
                columns: new[] { "kind", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_archive_keep_until",
                table: "optin_archive",
                column: "keep_until");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "optin_archive");

            migrationBuilder.DropIndex(
                name: "IX_optin_jobs_finished_at",
                table: "optin_jobs");

            migrationBuilder.DropIndex(
                name: "IX_optin_consent_events_kind_occurred_at",
                table: "optin_consent_events");
        }
    }
}
