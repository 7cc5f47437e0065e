using Fluid;
using Fluid.Ast;

namespace Optin.Forms.Templates;

/// <summary>
/// What a parsed Liquid template reads: the variables (with the name after the first dot or in <c>['…']</c>), the
/// filters, and the names it defines itself (<c>assign</c>, <c>capture</c>, <c>for</c>, <c>increment</c>), found by
/// walking Fluid's syntax tree rather than the text.
/// </summary>
internal sealed class TemplateReferences : AstVisitor
{
    private readonly List<(string Root, string? Member)> _variables = [];
    private readonly List<string> _filters = [];
    private readonly HashSet<string> _locals = new(StringComparer.Ordinal) { "forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false" };

    private TemplateReferences()
    {
    }

    /// <summary>Every variable read, as its root and the member after it (null when there is none or it is computed).</summary>
    public IReadOnlyList<(string Root, string? Member)> Variables => _variables;

    /// <summary>Every filter applied.</summary>
    public IReadOnlyList<string> Filters => _filters;

    /// <summary>Names the template defines itself, anywhere in it, and Liquid's own (<c>forloop</c>).</summary>
    public IReadOnlySet<string> Locals => _locals;

    /// <summary>Whether the template reads <paramref name="root"/> anywhere (outside a comment).</summary>
    public bool Reads(string root) => _variables.Exists(v => v.Root == root);

    public static TemplateReferences Of(IFluidTemplate template)
    {
        var references = new TemplateReferences();
        references.VisitTemplate(template);
        return references;
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
            _variables.Add((root.Identifier, member));
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
