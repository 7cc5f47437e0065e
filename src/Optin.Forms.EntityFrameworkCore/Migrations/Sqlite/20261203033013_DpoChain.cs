using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DpoChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_hash",
                table: "optin_consent_events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "optin_chain_heads");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "optin_consent_events");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                table: "optin_consent_events");
        }
    }
}
