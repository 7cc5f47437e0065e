using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// Keeps an uploaded file between the dry run and the import: encrypted with Data Protection in a temporary file named
/// by a random id, with the signed-in user and an expiry sealed inside, so that the id alone is useless to anyone
/// else. Nothing of the file goes into a cookie or a form field. The file is deleted when imported, and files older
/// than <see cref="Lifetime"/> are swept on each upload.
/// </summary>
/// <remarks>Several hosts behind a load balancer need the same temporary folder (or sticky sessions) for the second step.</remarks>
internal static class ImportUploads
{
    public static readonly Duration Lifetime = Duration.FromMinutes(30);

    private const string Purpose = "Optin.Forms.Dashboard.Import.v1";

    private static string Folder => Path.Combine(Path.GetTempPath(), "optin-dashboard-imports");

    /// <summary>Stores <paramref name="upload"/> for <paramref name="actor"/>; returns the id to post back.</summary>
    public static async Task<string> SaveAsync(HttpContext context, string actor, ImportUpload upload, CancellationToken cancellationToken)
    {
        var now = Now(context);
        Directory.CreateDirectory(Folder);
        Sweep(now);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var sealedUpload = upload with { Actor = actor, ExpiresAt = (now + Lifetime).ToUnixTimeSeconds() };
        var bytes = Protector(context).Protect(JsonSerializer.SerializeToUtf8Bytes(sealedUpload));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(PathOf(id), options);
        await file.WriteAsync(bytes, cancellationToken);
        return id;
    }

    /// <summary>The upload with this id if it belongs to <paramref name="actor"/> and has not expired; else null.</summary>
    public static async Task<ImportUpload?> LoadAsync(HttpContext context, string? id, string actor, CancellationToken cancellationToken)
    {
        if (id is not { Length: 48 } || !id.All(char.IsAsciiHexDigitLower) || !File.Exists(PathOf(id)))
        {
            return null;
        }

        try
        {
            var bytes = Protector(context).Unprotect(await File.ReadAllBytesAsync(PathOf(id), cancellationToken));
            var upload = JsonSerializer.Deserialize<ImportUpload>(bytes);
            return upload is not null && upload.Actor == actor && upload.ExpiresAt > Now(context).ToUnixTimeSeconds() ? upload : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static void Delete(string id)
    {
        if (id.Length == 48 && id.All(char.IsAsciiHexDigitLower))
        {
            File.Delete(PathOf(id));
        }
    }

    private static string PathOf(string id) => Path.Combine(Folder, id + ".bin");

    private static Instant Now(HttpContext context) => context.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static void Sweep(Instant now)
    {
        // A sweep is housekeeping: the expiry sealed inside each file is what refuses a stale upload.
        foreach (var file in Directory.EnumerateFiles(Folder, "*.bin"))
        {
            try
            {
                if (Instant.FromDateTimeUtc(File.GetLastWriteTimeUtc(file)) < now - Lifetime - Duration.FromMinutes(5))
                {
                    File.Delete(file);
                }
            }
            catch (IOException)
            {
                // Another request deleted it first.
            }
        }
    }
}

/// <summary>An uploaded file and the choices made with it, kept between the dry run and the import.</summary>
internal sealed record ImportUpload(string FileName, byte[] Content, string? FormId, string Kind, string? DoubleOptinPurpose, string Source)
{
    public string Actor { get; init; } = string.Empty;

    public long ExpiresAt { get; init; }
}
