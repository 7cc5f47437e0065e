using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SettingsAndCounterExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "optin_settings",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_settings", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_optin_counters_expires_at",
                table: "optin_counters",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "optin_settings");

            migrationBuilder.DropIndex(
                name: "IX_optin_counters_expires_at",
                table: "optin_counters");
        }
    }
}
