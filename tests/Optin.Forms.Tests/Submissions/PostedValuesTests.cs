using Optin.Forms.Submissions;

namespace Optin.Forms.Tests.Submissions;

/// <summary>Looking up posted values: the scan (small posts) and the dictionary (large posts) agree.</summary>
public sealed class PostedValuesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [Trait("Requirement", "CONS-3")]
    public void Get_SmallOrLargePost_ValuesInPostedOrderAndExplicitTrueOnlyWhenAlone(int padding)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("email", "a@exemple.fr"),
            new("tag", "one"),
            new(null!, "ignored"),
            new("consent.news", "true"),
            new("tag", "two"),
            new("consent.partners", "true"),
            new("consent.partners", "true"),
            new("consent.other", "on"),
            new("Email", "other@exemple.fr"),
        };
        pairs.AddRange(Enumerable.Range(0, padding).Select(i => KeyValuePair.Create<string, string?>($"pad{i}", "x")));
        var posted = new PostedValues(pairs);

        Assert.Equal(["a@exemple.fr"], posted.Get("email"));
        Assert.Equal(["one", "two"], posted.Get("tag"));
        Assert.Empty(posted.Get("missing"));
        Assert.True(posted.IsExplicitTrue("consent.news"));
        Assert.False(posted.IsExplicitTrue("consent.partners"));
        Assert.False(posted.IsExplicitTrue("consent.other"));
        Assert.False(posted.IsExplicitTrue("consent.missing"));
    }
}
