using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Optin.Forms.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "optin_consent_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    method = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<long>(type: "bigint", nullable: false),
                    purpose_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    purpose_version = table.Column<string>(type: "text", nullable: true),
                    form_id = table.Column<string>(type: "text", nullable: true),
                    form_version = table.Column<string>(type: "text", nullable: true),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: true),
                    consent_text = table.Column<string>(type: "text", nullable: true),
                    consent_text_sha256 = table.Column<string>(type: "text", nullable: true),
                    purpose_text = table.Column<string>(type: "text", nullable: true),
                    purpose_text_sha256 = table.Column<string>(type: "text", nullable: true),
                    privacy_notice = table.Column<string>(type: "text", nullable: true),
                    controller = table.Column<string>(type: "text", nullable: true),
                    culture = table.Column<string>(type: "text", nullable: true),
                    source_url = table.Column<string>(type: "text", nullable: true),
                    ip_address = table.Column<string>(type: "text", nullable: true),
                    user_agent = table.Column<string>(type: "text", nullable: true),
                    actor = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    legal_basis = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_consent_events", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "optin_contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    email_key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    objected_to_marketing = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false),
                    last_activity_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_contacts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "optin_counters",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_counters", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "optin_jobs",
                columns: table => new
                {
                    position = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rule_name = table.Column<string>(type: "text", nullable: true),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    purpose_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    purpose_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    payload = table.Column<string>(type: "text", nullable: false),
                    message_id = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    due_at = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_expires_at = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    finished_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_jobs", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "optin_submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    form_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    form_version = table.Column<string>(type: "text", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    received_at = table.Column<long>(type: "bigint", nullable: false),
                    culture = table.Column<string>(type: "text", nullable: false),
                    values_json = table.Column<string>(type: "text", nullable: false),
                    consents_given_json = table.Column<string>(type: "text", nullable: false),
                    source_url = table.Column<string>(type: "text", nullable: true),
                    ip_address = table.Column<string>(type: "text", nullable: true),
                    user_agent = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_submissions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "optin_suppressions",
                columns: table => new
                {
                    address_hash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_suppressions", x => x.address_hash);
                });

            migrationBuilder.CreateTable(
                name: "optin_tokens",
                columns: table => new
                {
                    hash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    purpose_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    culture = table.Column<string>(type: "text", nullable: true),
                    job_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    consumed_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_tokens", x => x.hash);
                });

            migrationBuilder.CreateTable(
                name: "optin_contact_fields",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_contact_fields", x => new { x.contact_id, x.name });
                    table.ForeignKey(
                        name: "FK_optin_contact_fields_optin_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "optin_contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "optin_contact_optins",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    purpose_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_contact_optins", x => new { x.contact_id, x.purpose_key });
                    table.ForeignKey(
                        name: "FK_optin_contact_optins_optin_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "optin_contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "optin_contact_tags",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_optin_contact_tags", x => new { x.contact_id, x.tag });
                    table.ForeignKey(
                        name: "FK_optin_contact_tags_optin_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "optin_contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_optin_consent_events_contact_id_sequence",
                table: "optin_consent_events",
                columns: new[] { "contact_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_consent_events_id",
                table: "optin_consent_events",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_optin_contact_fields_name_value",
                table: "optin_contact_fields",
                columns: new[] { "name", "value" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_contact_optins_purpose_key_state",
                table: "optin_contact_optins",
                columns: new[] { "purpose_key", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_contact_tags_tag",
                table: "optin_contact_tags",
                column: "tag");

            migrationBuilder.CreateIndex(
                name: "IX_optin_contacts_created_at_id",
                table: "optin_contacts",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_contacts_email_key",
                table: "optin_contacts",
                column: "email_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_optin_contacts_last_activity_at",
                table: "optin_contacts",
                column: "last_activity_at");

            migrationBuilder.CreateIndex(
                name: "IX_optin_jobs_contact_id",
                table: "optin_jobs",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "IX_optin_jobs_id",
                table: "optin_jobs",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_optin_jobs_status_due_at",
                table: "optin_jobs",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_jobs_status_lease_expires_at",
                table: "optin_jobs",
                columns: new[] { "status", "lease_expires_at" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_submissions_contact_id_received_at",
                table: "optin_submissions",
                columns: new[] { "contact_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_optin_tokens_contact_id",
                table: "optin_tokens",
                column: "contact_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "optin_consent_events");

            migrationBuilder.DropTable(
                name: "optin_contact_fields");

            migrationBuilder.DropTable(
                name: "optin_contact_optins");

            migrationBuilder.DropTable(
                name: "optin_contact_tags");

            migrationBuilder.DropTable(
                name: "optin_counters");

            migrationBuilder.DropTable(
                name: "optin_jobs");

            migrationBuilder.DropTable(
                name: "optin_submissions");

            migrationBuilder.DropTable(
                name: "optin_suppressions");

            migrationBuilder.DropTable(
                name: "optin_tokens");

            migrationBuilder.DropTable(
                name: "optin_contacts");
        }
    }
}
