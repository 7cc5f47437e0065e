using Optin.Forms.Mail;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using W = Optin.Forms.Schema.DataProtectionWords;

namespace Optin.Forms.Consent;

/// <content>Recipients derived from the configuration (ROPA-2, Art. 30(1)(d)).</content>
public sealed partial class RecordOfProcessing
{
    /// <summary>
    /// Reads the rules once: which activities each enabled rule touches, and whom its actions disclose data to. A rule
    /// conditioned on a purpose (<c>ConsentGiven</c>, <c>Purpose</c>) belongs to that purpose; otherwise a
    /// <c>FormSubmitted</c> rule belongs to the processing of each form it runs for (or, for a form without one, to that
    /// form's purposes), and any other rule to the purposes of its forms. Over-listing is the safe side of a record.
    /// </summary>
    private sealed class RecipientFinder
    {
        private static readonly HashSet<string> QuietActions = new(StringComparer.OrdinalIgnoreCase)
        {
            "SendDoubleOptinEmail", "SetOptin", "SetField", "AddTag", "Wait",
        };

        private readonly List<(HashSet<string> Activities, List<string> Recipients, bool SendsMail)> _rules = [];
        private readonly string _transport;

        public RecipientFinder(FormCatalog catalog, OptinFormsOptions options, string culture)
        {
            _transport = options.Mail.Sender == MailSenderKind.Smtp
                ? string.IsNullOrWhiteSpace(options.Mail.SmtpHost) ? W.Get(culture, "R.SmtpUnknown") : W.Format(culture, "R.Smtp", options.Mail.SmtpHost)
                : W.Format(culture, "R.Pickup", options.Mail.PickupDirectory);
            foreach (var rule in options.Rules.Where(r => r.Enabled))
            {
                var name = rule.Name ?? string.Empty;
                var recipients = new List<string>();
                var sendsMail = false;
                foreach (var step in rule.Then)
                {
                    var action = step.Action ?? string.Empty;
                    if (string.Equals(action, "SendEmail", StringComparison.OrdinalIgnoreCase))
                    {
                        sendsMail = true;
                        if (step.Args.GetValueOrDefault("To") is { Length: > 0 } to)
                        {
                            recipients.Add(W.Format(culture, "R.MailTo", to.Trim(), name));
                        }
                    }
                    else if (string.Equals(action, "Webhook", StringComparison.OrdinalIgnoreCase))
                    {
                        var url = step.Args.GetValueOrDefault("Url") ?? string.Empty;
                        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;
                        // A webhook that opted in to personal data says which: the record lists what each recipient gets.
                        var data = new List<string>();
                        if (bool.TryParse(step.Args.GetValueOrDefault("IncludeEmail"), out var email) && email)
                        {
                            data.Add(W.Get(culture, "R.WebhookEmail"));
                        }

                        if (step.Args.GetValueOrDefault("IncludeFields") is { Length: > 0 } fields)
                        {
                            data.Add(W.Format(culture, "R.WebhookFields",
                                string.Join(", ", fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))));
                        }

                        recipients.Add(data.Count == 0
                            ? W.Format(culture, "R.WebhookTo", host, name)
                            : W.Format(culture, "R.WebhookWith", host, name, string.Join(", ", data)));
                    }
                    else if (string.Equals(action, "SendDoubleOptinEmail", StringComparison.OrdinalIgnoreCase))
                    {
                        sendsMail = true;
                    }
                    else if (!QuietActions.Contains(action))
                    {
                        recipients.Add(W.Format(culture, "R.CustomAction", action, name));
                    }
                }

                _rules.Add((Scope(catalog, rule), recipients, sendsMail));
            }
        }

        public IEnumerable<string> ForPurpose(PurposeDefinition purpose) =>
            Collect("purpose:" + purpose.Id, declared: null, alwaysMails: true);

        public IEnumerable<string> ForForm(FormDefinition form, string? declared) =>
            Collect("form:" + form.Id, declared, alwaysMails: false);

        private IEnumerable<string> Collect(string activity, string? declared, bool alwaysMails)
        {
            // Consent purposes always mail the person (confirmation, marketing), through the transport.
            var list = new List<string>();
            if (!string.IsNullOrWhiteSpace(declared))
            {
                list.Add(declared);
            }

            var applicable = _rules.Where(r => r.Activities.Contains(activity)).ToList();
            list.AddRange(applicable.SelectMany(r => r.Recipients));
            if (alwaysMails || applicable.Any(r => r.SendsMail))
            {
                list.Add(_transport);
            }

            return list.Distinct(StringComparer.Ordinal);
        }

        private static HashSet<string> Scope(FormCatalog catalog, RuleOptions rule)
        {
            var activities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var purposes = new List<string>();
            foreach (var condition in new[] { rule.If }.Concat(rule.If?.All ?? []).OfType<RuleConditionOptions>())
            {
                purposes.AddRange(new[] { condition.ConsentGiven, condition.Purpose }.OfType<string>());
            }

            if (purposes.Count > 0)
            {
                activities.UnionWith(purposes.Select(p => "purpose:" + p));
                return activities;
            }

            var named = rule.Forms.Concat(new[] { rule.If?.FormIs }.OfType<string>()).ToList();
            var forms = named.Count == 0
                ? catalog.Forms.Values.ToList()
                : [.. named.Select(catalog.FindForm).OfType<FormDefinition>()];
            var submitted = string.Equals(rule.When, nameof(FormSubmitted), StringComparison.OrdinalIgnoreCase);
            foreach (var form in forms)
            {
                if (submitted && form.Processing is not null)
                {
                    activities.Add("form:" + form.Id);
                }
                else
                {
                    activities.UnionWith(form.Consents.Select(p => "purpose:" + p.Id));
                }
            }

            return activities;
        }
    }
}
