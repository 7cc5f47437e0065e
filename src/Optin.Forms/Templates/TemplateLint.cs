using System.Text.RegularExpressions;

namespace Optin.Forms.Templates;

/// <summary>Refuses confirmation templates with visitor-typed values, images or tracking (DOI-6) and marketing templates without an unsubscribe link (WD-1).</summary>
internal static partial class TemplateLint
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "elsif", "else", "endif", "unless", "endunless", "for", "endfor", "in", "and", "or", "not", "contains", "true",
        "false", "nil", "null", "empty", "blank", "case", "when", "endcase", "comment", "endcomment", "raw", "endraw", "limit",
        "offset", "reversed", "forloop", "break", "continue", "cycle", "echo", "liquid", "size", "first", "last",
    };

    /// <summary>
    /// What makes <paramref name="source"/> unfit for a confirmation email, with the files it includes
    /// (<paramref name="included"/>, as <see cref="TemplateReferences.IncludedFiles"/> lists them): a problem found in one
    /// of them names it.
    /// </summary>
    public static IEnumerable<string> NeutralProblems(string source, IReadOnlyList<(string File, string Text)>? included = null)
    {
        IReadOnlyList<(string? File, string Text)> texts = [(null, source), .. (included ?? []).Select(i => ((string?)i.File, i.Text))];
        // A loop over a neutral list (e.g. {% for p in Purposes %}) makes its variable neutral too, in the files it includes as well.
        var loops = texts.SelectMany(t => Loops().Matches(t.Text)).Where(m => EmailModel.NeutralMembers.Contains(m.Groups["list"].Value))
            .Select(m => m.Groups["item"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (file, text) in texts)
        {
            var where = file is null ? string.Empty : $" in the included file '{file}'";
            if (Media().Match(text) is { Success: true } media)
            {
                yield return $"a confirmation email carries no images, embeds or tracking; found '{media.Value.Trim()}'{where}";
            }

            foreach (Match tag in Tags().Matches(text))
            {
                var expression = Filters().Replace(Strings().Replace(tag.Groups["e"].Value, " "), " ");
                foreach (Match name in Names().Matches(expression))
                {
                    var root = name.Value.Split('.')[0];
                    if (!Keywords.Contains(root) && !EmailModel.NeutralMembers.Contains(root) && !loops.Contains(root))
                    {
                        yield return $"a confirmation email shows nothing the visitor typed; '{name.Value}'{where} is not one of " +
                            string.Join(", ", EmailModel.NeutralMembers.Order(StringComparer.Ordinal));
                    }
                }
            }
        }
    }

    /// <summary>Whether an HTML template, or one of the files it includes, shows the unsubscribe link.</summary>
    public static bool HasUnsubscribeLink(string html, IReadOnlyList<(string File, string Text)>? included = null) =>
        html.Contains(nameof(EmailModel.UnsubscribeUrl), StringComparison.Ordinal)
        || (included ?? []).Any(i => i.Text.Contains(nameof(EmailModel.UnsubscribeUrl), StringComparison.Ordinal));


    [GeneratedRegex(@"<\s*(img|picture|svg|iframe|script|video|audio|object|embed)\b|background(-image)?\s*[:=]|url\s*\(|utm_\w+", RegexOptions.IgnoreCase)]
    private static partial Regex Media();

    [GeneratedRegex(@"\{\{-?(?<e>.*?)-?\}\}|\{%-?\s*\w+(?<e>.*?)-?%\}", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\{%-?\s*for\s+(?<item>[A-Za-z_]\w*)\s+in\s+(?<list>[A-Za-z_]\w*)\s")]
    private static partial Regex Loops();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\|\s*\w+")]
    private static partial Regex Filters();

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")]
    private static partial Regex Names();
}
