using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_optin_submissions_form_id_received_at",
                table: "optin_submissions",
                columns: new[] { "form_id", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_optin_submissions_form_id_received_at",
                table: "optin_submissions");
        }
    }
}
