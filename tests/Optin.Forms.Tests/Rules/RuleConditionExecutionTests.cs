using Optin.Forms.Contacts;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>
/// Each documented condition, configured in JSON, decides whether a rule runs: the rule's job (an <c>AddTag</c>) runs
/// for a post where the condition holds and not for one where it does not. Every post is a new address, so the
/// condition sees what that post carried.
/// </summary>
public sealed class RuleConditionExecutionTests
{
    [Fact]
    public async Task FormIs_OnFormSubmitted_RunsForThatFormOnly()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "from-contact-form", "When": "FormSubmitted", "If": { "FormIs": "contact" },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "asked-a-question" } } ] } ]
            """);

        var asked = await flow.PostAsync("contact", ("email", Some.Email("anne")), ("message", "Un devis ?"));
        var subscribed = await flow.PostAsync("newsletter", ("email", Some.Email("jean")), ("consent.newsletter", "true"));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(asked, "asked-a-question"));
        Assert.False(await flow.HasTagAsync(subscribed, "asked-a-question"));
    }

    [Fact]
    public async Task FieldEquals_OnFormSubmitted_ComparesThePostedValueOrdinally()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "jean", "When": "FormSubmitted", "If": { "FieldEquals": { "firstName": "Jean" } },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "named-jean" } } ] } ]
            """);

        var jean = await flow.PostAsync("newsletter", ("email", Some.Email("jean")), ("firstName", "Jean"));
        var anne = await flow.PostAsync("newsletter", ("email", Some.Email("anne")), ("firstName", "Anne"));
        var lower = await flow.PostAsync("newsletter", ("email", Some.Email("lower")), ("firstName", "jean"));
        var none = await flow.PostAsync("newsletter", ("email", Some.Email("none")));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(jean, "named-jean"));
        Assert.False(await flow.HasTagAsync(anne, "named-jean"));
        Assert.False(await flow.HasTagAsync(lower, "named-jean"));
        Assert.False(await flow.HasTagAsync(none, "named-jean"));
    }

    [Fact]
    [Trait("Requirement", "ABU-5")]
    public async Task FieldEquals_KnownAddressPostsAgain_ComparesWhatThisPostCarried()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "said-jean", "When": "FormSubmitted", "If": { "FieldEquals": { "firstName": "Jean" } },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "said-jean" } } ] },
              { "Name": "said-anne", "When": "FormSubmitted", "If": { "FieldEquals": { "firstName": "Anne" } },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "said-anne" } } ] } ]
            """);

        // The second post names the same address: whatever the contact keeps, the rule looks at what was posted.
        await flow.PostAsync("newsletter", ("email", Some.Email()), ("firstName", "Jean"));
        await flow.PostAsync("newsletter", ("email", Some.Email()), ("firstName", "Anne"));
        await flow.RunAsync();

        var jobs = await flow.JobsAsync();
        Assert.Single(jobs, j => j.RuleName == "said-jean");
        Assert.Single(jobs, j => j.RuleName == "said-anne");
    }

    [Fact]
    public async Task FieldMatches_OnFormSubmitted_MatchesPostedFieldsAndTheAddress()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "j-names", "When": "FormSubmitted", "If": { "FieldMatches": { "firstName": "^J[a-z]+$" } },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "j-name" } } ] },
              { "Name": "colleagues", "When": "FormSubmitted", "If": { "FieldMatches": { "email": "@atelier-dupont\\.example$" } },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "colleague" } } ] } ]
            """);

        var jean = await flow.PostAsync("newsletter", ("email", "jean@atelier-dupont.example"), ("firstName", "Jean"));
        var anne = await flow.PostAsync("newsletter", ("email", Some.Email("anne")), ("firstName", "Anne"));
        var none = await flow.PostAsync("newsletter", ("email", Some.Email("none")));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(jean, "j-name"));
        Assert.True(await flow.HasTagAsync(jean, "colleague"));
        Assert.False(await flow.HasTagAsync(anne, "j-name"));
        Assert.False(await flow.HasTagAsync(anne, "colleague"));
        Assert.False(await flow.HasTagAsync(none, "j-name"));
    }

    [Fact]
    public async Task FieldIsEmpty_OnFormSubmitted_RunsWhenTheFieldWasLeftOut()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "ask-name-later", "When": "FormSubmitted", "If": { "FieldIsEmpty": [ "firstName" ] },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "no-name" } } ] } ]
            """);

        var left = await flow.PostAsync("newsletter", ("email", Some.Email("left")));
        var blank = await flow.PostAsync("newsletter", ("email", Some.Email("blank")), ("firstName", ""));
        var named = await flow.PostAsync("newsletter", ("email", Some.Email("named")), ("firstName", "Jean"));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(left, "no-name"));
        Assert.True(await flow.HasTagAsync(blank, "no-name"));
        Assert.False(await flow.HasTagAsync(named, "no-name"));
    }

    [Fact]
    public async Task OptinState_OnFormSubmitted_SeesTheStateThePostLeft()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "awaiting", "When": "FormSubmitted", "If": { "OptinState": { "newsletter": "PendingConfirmation" } },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "awaiting-confirmation" } } ] } ]
            """);

        var consented = await flow.PostAsync("newsletter", ("email", Some.Email("yes")), ("consent.newsletter", "true"));
        var declined = await flow.PostAsync("newsletter", ("email", Some.Email("no")));
        var other = await flow.PostAsync("newsletter", ("email", Some.Email("partners")), ("consent.partners", "true"));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(consented, "awaiting-confirmation"));
        Assert.False(await flow.HasTagAsync(declined, "awaiting-confirmation"));
        Assert.False(await flow.HasTagAsync(other, "awaiting-confirmation"));
    }

    [Fact]
    public async Task ContactKind_OnFormSubmitted_RunsForContactsOfThatKind()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "contacts", "When": "FormSubmitted", "If": { "ContactKind": "Contact" },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "kind-contact" } } ] } ]
            """, s => s["OptinForms:Forms:contact:ContactKind"] = "Contact");

        var contact = await flow.PostAsync("contact", ("email", Some.Email("anne")), ("message", "Un devis ?"));
        var lead = await flow.PostAsync("newsletter", ("email", Some.Email("jean")));
        await flow.RunAsync();

        Assert.Equal(ContactKind.Contact, (await flow.ContactAsync(contact)).Kind);
        Assert.True(await flow.HasTagAsync(contact, "kind-contact"));
        Assert.False(await flow.HasTagAsync(lead, "kind-contact"));
    }

    [Fact]
    public async Task Culture_OnFormSubmitted_RunsForThatLanguageAndItsRegions()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "english", "When": "FormSubmitted", "If": { "Culture": "en" },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "speaks-english" } } ] } ]
            """);

        var en = await flow.PostAsync("newsletter", "en", ("email", Some.Email("en")));
        var gb = await flow.PostAsync("newsletter", "en-GB", ("email", Some.Email("gb")));
        var fr = await flow.PostAsync("newsletter", "fr", ("email", Some.Email("fr")));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(en, "speaks-english"));
        Assert.True(await flow.HasTagAsync(gb, "speaks-english"));
        Assert.False(await flow.HasTagAsync(fr, "speaks-english"));
    }

    [Fact]
    public async Task AllAndAny_OnFormSubmitted_NeedEveryOrOneOfTheirConditions()
    {
        using var flow = OwnerRules.Start("""
            [ { "Name": "both", "When": "FormSubmitted",
                "If": { "All": [ { "FormIs": "newsletter" }, { "FieldEquals": { "firstName": "Jean" } } ] },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "all" } } ] },
              { "Name": "either", "When": "FormSubmitted",
                "If": { "Any": [ { "FormIs": "newsletter" }, { "FieldEquals": { "firstName": "Jean" } } ] },
                "Then": [ { "Action": "AddTag", "Args": { "Tag": "any" } } ] } ]
            """);

        var both = await flow.PostAsync("newsletter", ("email", Some.Email("both")), ("firstName", "Jean"));
        var one = await flow.PostAsync("newsletter", ("email", Some.Email("one")), ("firstName", "Anne"));
        var neither = await flow.PostAsync("contact", ("email", Some.Email("neither")), ("message", "Un devis ?"));
        await flow.RunAsync();

        Assert.True(await flow.HasTagAsync(both, "all"));
        Assert.True(await flow.HasTagAsync(both, "any"));
        Assert.False(await flow.HasTagAsync(one, "all"));
        Assert.True(await flow.HasTagAsync(one, "any"));
        Assert.False(await flow.HasTagAsync(neither, "all"));
        Assert.False(await flow.HasTagAsync(neither, "any"));
    }
}
