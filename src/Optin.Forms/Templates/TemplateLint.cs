using System.Text.RegularExpressions;

namespace Optin.Forms.Templates;

/// <summary>Refuses confirmation templates with visitor-typed values, images or tracking (DOI-6) and marketing templates without an unsubscribe link (WD-1).</summary>
internal static partial class TemplateLint
{
    /// <summary>Liquid's own words, which are not variables, for text that does not parse.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "elsif", "else", "endif", "unless", "endunless", "for", "endfor", "in", "and", "or", "not", "contains", "true",
        "false", "nil", "null", "empty", "blank", "case", "when", "endcase", "comment", "endcomment", "raw", "endraw", "limit",
        "offset", "reversed", "forloop", "break", "continue", "cycle", "echo", "liquid", "size", "first", "last",
    };

    /// <summary>
    /// What makes a part unfit for a confirmation email: an image, embed or tracking in its text or in the text of a file it
    /// includes, and a variable read that could show something the visitor typed. A problem found in an included file names it.
    /// </summary>
    /// <param name="source">The part's text.</param>
    /// <param name="references">
    /// What the part reads, with the files it includes walked in (<see cref="TemplateReferences.IncludedFiles"/>); null when
    /// it does not parse.
    /// </param>
    /// <remarks>
    /// <para>
    /// The variables come from Fluid's syntax tree, not from the text. A read is a problem when its root is not one of
    /// <see cref="EmailModel.NeutralMembers"/> and not a name the template defines itself (<see cref="TemplateReferences.Locals"/>).
    /// A local is safe: a visitor-typed value can reach the output only through a read of a root that is not neutral, and
    /// what defines a local (<c>assign</c>, <c>capture</c>, <c>for</c>, <c>include</c> with <c>with</c>, <c>for</c> or named
    /// arguments) reads its source, which is walked and checked like any other read: <c>{% assign x = Fields.email %}{{ x }}</c>
    /// is refused for reading <c>Fields</c>, not for <c>x</c>. A local named like a member of the model that is not neutral
    /// (<c>Fields</c>, <c>Email</c>…) shields nothing, or <c>{% assign Fields = … %}</c> anywhere would hide a read of the
    /// model's <c>Fields</c> elsewhere: a read of that name is a problem still.
    /// </para>
    /// <para>
    /// Text without a tree (a part or an included file that does not parse, which is reported where the template is
    /// compiled) has its names read from the text, as before the tree was used.
    /// </para>
    /// </remarks>
    public static IEnumerable<string> NeutralProblems(string source, TemplateReferences? references)
    {
        IReadOnlyList<(string? File, string Text)> texts = [(null, source), .. (references?.IncludedFiles ?? []).Select(i => ((string?)i.File, i.Text))];
        foreach (var (file, text) in texts)
        {
            if (Media().Match(text) is { Success: true } media)
            {
                yield return $"a confirmation email carries no images, embeds or tracking; found '{media.Value.Trim()}'{Where(file)}";
            }
        }

        if (references is null)
        {
            foreach (var problem in TextNameProblems(texts, texts))
            {
                yield return problem;
            }

            yield break;
        }

        foreach (var (root, member, file) in references.Variables.Distinct())
        {
            if (!EmailModel.NeutralMembers.Contains(root)
                && (!references.Locals.Contains(root) || EmailModel.Members.Contains(root, StringComparer.Ordinal)))
            {
                yield return NotNeutral(member is null ? root : $"{root}.{member}", file);
            }
        }

        foreach (var problem in TextNameProblems(texts, texts.Where(t => t.File is { } file && references.UnparsedFiles.Contains(file))))
        {
            yield return problem;
        }
    }

    /// <summary>Whether an HTML template, or one of the files it includes, shows the unsubscribe link.</summary>
    public static bool HasUnsubscribeLink(string html, IReadOnlyList<(string File, string Text)>? included = null) =>
        html.Contains(nameof(EmailModel.UnsubscribeUrl), StringComparison.Ordinal)
        || (included ?? []).Any(i => i.Text.Contains(nameof(EmailModel.UnsubscribeUrl), StringComparison.Ordinal));

    /// <summary>
    /// The names in <paramref name="texts"/> that are not neutral, found in the text (for text that does not parse): a loop
    /// over a neutral list (e.g. <c>{% for p in Purposes %}</c>) in any of <paramref name="all"/> makes its variable neutral.
    /// </summary>
    private static IEnumerable<string> TextNameProblems(IReadOnlyList<(string? File, string Text)> all, IEnumerable<(string? File, string Text)> texts)
    {
        var loops = all.SelectMany(t => Loops().Matches(t.Text)).Where(m => EmailModel.NeutralMembers.Contains(m.Groups["list"].Value))
            .Select(m => m.Groups["item"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (file, text) in texts)
        {
            foreach (Match tag in Tags().Matches(text))
            {
                var expression = Filters().Replace(Strings().Replace(tag.Groups["e"].Value, " "), " ");
                foreach (Match name in Names().Matches(expression))
                {
                    var root = name.Value.Split('.')[0];
                    if (!Keywords.Contains(root) && !EmailModel.NeutralMembers.Contains(root) && !loops.Contains(root))
                    {
                        yield return NotNeutral(name.Value, file);
                    }
                }
            }
        }
    }

    /// <summary>The problem of a read of <paramref name="name"/>, naming the included file it is in (none for the template itself).</summary>
    private static string NotNeutral(string name, string? file) =>
        $"a confirmation email shows nothing the visitor typed; '{name}'{Where(file)} is not one of "
        + string.Join(", ", EmailModel.NeutralMembers.Order(StringComparer.Ordinal));

    private static string Where(string? file) => file is null ? string.Empty : $" in the included file '{file}'";

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
