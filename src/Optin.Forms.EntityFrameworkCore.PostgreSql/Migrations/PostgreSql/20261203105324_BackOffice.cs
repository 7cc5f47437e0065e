using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BackOffice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "optin_jobs",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "optin_view_counts",
                columns: table => new
                {
                    day = table.Column<int>(type: "integer", nullable: false),
                    form_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    landing_page = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    views = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_view_counts", x => new { x.day, x.form_id, x.landing_page, x.source });
                });

            migrationBuilder.CreateIndex(
                name: "IX_optin_submissions_form_id_received_at",
                table: "optin_submissions",
                columns: new[] { "form_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_submissions_received_at_form_id",
                table: "optin_submissions",
                columns: new[] { "received_at", "form_id" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_consent_events_occurred_at_kind_state_form_id_submiss~",
                table: "optin_consent_events",
                columns: new[] { "occurred_at", "kind", "state", "form_id", "submission_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "optin_view_counts");

            migrationBuilder.DropIndex(
                name: "IX_optin_submissions_form_id_received_at",
                table: "optin_submissions");

            migrationBuilder.DropIndex(
                name: "IX_optin_submissions_received_at_form_id",
                table: "optin_submissions");

            migrationBuilder.DropIndex(
                name: "IX_optin_consent_events_occurred_at_kind_state_form_id_submiss~",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "optin_jobs");
        }
    }
}
