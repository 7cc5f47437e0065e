using Fluid;
using Fluid.Ast;

namespace Optin.Forms.Templates;

/// <summary>
/// What a parsed Liquid template reads: the variables (with the name after the first dot or in <c>['…']</c>), the
/// filters, and the names it defines itself (<c>assign</c>, <c>capture</c>, <c>for</c>, <c>increment</c>), found by
/// walking Fluid's syntax tree rather than the text. With the template root, the files it includes
/// (<c>{% include 'name' %}</c>, <c>{% render 'name' %}</c>) are walked too, as if written in place, and what cannot be
/// read (a name computed at render, a file missing or outside the root, a file that does not parse, a cycle) is a problem.
/// </summary>
internal sealed class TemplateReferences : AstVisitor
{
    private readonly List<(string Root, string? Member, string? File)> _variables = [];
    private readonly List<string> _filters = [];
    private readonly HashSet<string> _locals = new(StringComparer.Ordinal) { "forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false" };

    private readonly TemplateRootFileProvider? _files;
    private readonly List<string> _problems = [];
    private readonly List<(string File, string Text)> _included = [];
    private readonly HashSet<string> _unparsed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _walked = new(StringComparer.Ordinal);
    private readonly Stack<string> _including = new();

    private TemplateReferences(TemplateRootFileProvider? files)
    {
        _files = files;
    }

    /// <summary>The files included, once each, in the order they were met, with their text (for the content archive, EVD-1).</summary>
    public IReadOnlyList<(string File, string Text)> IncludedFiles => _included;

    /// <summary>What cannot be included, one sentence each (only when the template root was given).</summary>
    public IReadOnlyList<string> IncludeProblems => _problems;

    /// <summary>The included files, of <see cref="IncludedFiles"/>, that are not valid Liquid: nothing of them is walked.</summary>
    public IReadOnlySet<string> UnparsedFiles => _unparsed;

    /// <summary>
    /// Every variable read, as its root, the member after it (null when there is none or it is computed) and the included
    /// file it is read in (null in the template itself).
    /// </summary>
    public IReadOnlyList<(string Root, string? Member, string? File)> Variables => _variables;

    /// <summary>Every filter applied.</summary>
    public IReadOnlyList<string> Filters => _filters;

    /// <summary>Names the template defines itself, anywhere in it, and Liquid's own (<c>forloop</c>).</summary>
    public IReadOnlySet<string> Locals => _locals;

    /// <summary>Whether the template reads <paramref name="root"/> anywhere (outside a comment).</summary>
    public bool Reads(string root) => _variables.Exists(v => v.Root == root);

    public static TemplateReferences Of(IFluidTemplate template) => Of(template, files: null);

    /// <summary>What <paramref name="template"/> reads, with the files it includes from <paramref name="files"/> walked in.</summary>
    public static TemplateReferences Of(IFluidTemplate template, TemplateRootFileProvider? files)
    {
        var references = new TemplateReferences(files);
        references.VisitTemplate(template);
        return references;
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        var name = includeStatement.Path is LiteralExpression literal ? literal.Value.ToStringValue() : null;
        Inclusion("include", includeStatement.With, includeStatement.For, includeStatement.AssignStatements, includeStatement.Alias, name,
            name is null ? includeStatement.Path : null);
        return includeStatement;
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        Inclusion("render", renderStatement.With, renderStatement.For, renderStatement.AssignStatements, renderStatement.Alias, renderStatement.Path, null);
        return renderStatement;
    }

    /// <summary>
    /// What an include or a render reads: its arguments, the name computed at render time (<paramref name="computed"/>,
    /// refused when the root is known), the variable it defines for the file (with <c>with</c> or <c>for</c>), then the
    /// file itself.
    /// </summary>
    private void Inclusion(string tag, Expression? with, Expression? @for, IReadOnlyList<AssignStatement>? assigns, string? alias, string? name,
        Expression? computed)
    {
        Visit(with);
        Visit(@for);
        foreach (var assign in assigns ?? [])
        {
            Visit(assign);
        }

        Visit(computed);
        if (name is not null && (with is not null || @for is not null))
        {
            _locals.Add(alias ?? Path.GetFileNameWithoutExtension(name));
        }

        Include(tag, name);
    }

    /// <summary>Walks the included file in place, as Fluid would read it (<c>.liquid</c> added to a name without it).</summary>
    private void Include(string tag, string? name)
    {
        if (_files is null)
        {
            return;
        }

        if (name is null)
        {
            _problems.Add($"{{% {tag} %}} takes the file's name in quotes ({{% {tag} 'header' %}}), so that the file can be checked at start; a name computed when the page is rendered is refused (CFG-2)");
            return;
        }

        var file = name.EndsWith(IncludeStatement.ViewExtension, StringComparison.OrdinalIgnoreCase) ? name : name + IncludeStatement.ViewExtension;
        if (_including.Contains(file, StringComparer.Ordinal))
        {
            _problems.Add($"'{file}' includes itself ({string.Join(" → ", _including.Reverse().Append(file))}), which never ends");
            return;
        }

        if (!_walked.Add(file))
        {
            return;
        }

        if (_files.Resolve(file) is not { } full)
        {
            _problems.Add($"{{% {tag} '{name}' %}} reads '{file}', which is not a file under the template root '{_files.Root}': "
                + "a file is named from the root with '/', without '..', a leading '/' or a link that leads outside (CFG-2)");
            return;
        }

        var text = File.ReadAllText(full);
        _included.Add((file, text));
        if (!FluidEngine.Parser.TryParse(text, out var included, out var error))
        {
            _problems.Add($"'{file}' (from {{% {tag} %}}) is not valid Liquid: {error}");
            _unparsed.Add(file);
            return;
        }

        _including.Push(file);
        VisitTemplate(included);
        _including.Pop();
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var segments = memberExpression.Segments;
        if (segments.Count > 0 && segments[0] is IdentifierSegment root)
        {
            var member = segments.Count > 1
                ? segments[1] switch
                {
                    IdentifierSegment s => s.Identifier,
                    IndexerSegment { Expression: LiteralExpression literal } => literal.Value.ToStringValue(),
                    _ => null,
                }
                : null;
            _variables.Add((root.Identifier, member, _including.Count == 0 ? null : _including.Peek()));
        }

        foreach (var indexer in segments.OfType<IndexerSegment>())
        {
            Visit(indexer.Expression);
        }

        return memberExpression;
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        _filters.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _locals.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _locals.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        _locals.Add(forStatement.Identifier);
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
    {
        _locals.Add(incrementStatement.Identifier);
        return base.VisitIncrementStatement(incrementStatement);
    }

    protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
    {
        _locals.Add(decrementStatement.Identifier);
        return base.VisitDecrementStatement(decrementStatement);
    }
}
