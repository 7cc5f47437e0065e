using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DashboardViewsCovering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_optin_consent_events_occurred_at",
                table: "optin_consent_events");

            migrationBuilder.CreateIndex(
                name: "IX_optin_consent_events_occurred_at_kind_state_form_id_submiss~",
                table: "optin_consent_events",
                columns: new[] { "occurred_at", "kind", "state", "form_id", "submission_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_optin_consent_events_occurred_at_kind_state_form_id_submiss~",
                table: "optin_consent_events");

            migrationBuilder.CreateIndex(
                name: "IX_optin_consent_events_occurred_at",
                table: "optin_consent_events",
                column: "occurred_at");
        }
    }
}
