using System.Text.Json.Serialization;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>The JSON of a condition's values in a data attribute, source-generated.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class ConditionJson : JsonSerializerContext;
