using System.Collections.Immutable;
using Optin.Forms.Contacts;
using Optin.Forms.Submissions;

namespace Optin.Forms.Import;

/// <summary>A validated row, ready to store.</summary>
internal sealed record ImportRow(int Line, NormalizedEmail Email, ContactKind? Kind, ImmutableDictionary<string, string> Fields);
