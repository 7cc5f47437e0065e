using Microsoft.Data.Sqlite;

// A bare minimal API: parse the urlencoded post, check the address and the consent value, insert one SQLite row,
// answer 303. The load script compares the sample's POST throughput with this one's, in the same run.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var connectionString = app.Configuration["ConnectionStrings:Baseline"] ?? "Data Source=baseline.db";
using (var setup = new SqliteConnection(connectionString))
{
    setup.Open();
    using var create = setup.CreateCommand();
    create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS submissions (id TEXT PRIMARY KEY, email TEXT NOT NULL, consent INTEGER NOT NULL, received TEXT NOT NULL)";
    create.ExecuteNonQuery();
}

app.MapPost("/optin/forms/{formId}", async (HttpContext context, string formId) =>
{
    var form = await context.Request.ReadFormAsync(context.RequestAborted);
    var email = form["email"].ToString().Trim();
    if (email.Length is 0 or > 254 || email.IndexOf('@', StringComparison.Ordinal) <= 0)
    {
        return Results.BadRequest();
    }

    var consent = form["consent.newsletter"].Count == 1 && form["consent.newsletter"][0] == "true";
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync(context.RequestAborted);
    await using var insert = connection.CreateCommand();
    insert.CommandText = "PRAGMA synchronous=NORMAL; INSERT INTO submissions (id, email, consent, received) VALUES ($id, $email, $consent, $received)";
    insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
    insert.Parameters.AddWithValue("$email", email.ToLowerInvariant());
    insert.Parameters.AddWithValue("$consent", consent ? 1 : 0);
    insert.Parameters.AddWithValue("$received", DateTimeOffset.UtcNow.ToString("O"));
    await insert.ExecuteNonQueryAsync(context.RequestAborted);
    return Results.Redirect("/merci", permanent: false, preserveMethod: false);
});

app.Run();
