using System.Globalization;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Commands.Parsing;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Guarantees;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Risk;
using PromiseBot.Core.UseCases;
using static PromiseBot.Core.Messages.Runs;

namespace PromiseBot.Core.Messages;

/// <summary>The replies of <c>guarantee</c>, <c>credit</c>, <c>credits</c> and <c>config currency</c>, their help, and how guarantees and credits read elsewhere.</summary>
public static class GuaranteeMessages
{
    /// <summary>"10% per day late, up to 100%", "5% per business day late, up to 25%", "a refund of 100% if late".</summary>
    public static string TermsText(GuaranteeTier tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var rate = GuaranteeParser.BasisPointsText(tier.RateBasisPoints);
        return tier.Kind switch
        {
            RemedyKind.RefundIfLate => $"a refund of {rate} if late",
            RemedyKind.CreditPerBusinessDay => $"{rate} per business day late, up to {GuaranteeParser.BasisPointsText(tier.CapBasisPoints)}",
            _ => $"{rate} per day late, up to {GuaranteeParser.BasisPointsText(tier.CapBasisPoints)}",
        };
    }

    /// <summary>"premium, value $2,400.00 — 10% per day late, up to 100%".</summary>
    public static string GuaranteeText(PromiseGuarantee guarantee)
    {
        ArgumentNullException.ThrowIfNull(guarantee);
        return $"{guarantee.Terms.Name}, value {guarantee.Value.Format()} — {TermsText(guarantee.Terms)}";
    }

    /// <summary>"1 day late", "3 business days late", "broken".</summary>
    public static string DelayText(int days, RemedyKind kind, bool broken)
    {
        if (broken)
        {
            return "broken: the tier's maximum";
        }

        var unit = kind == RemedyKind.CreditPerBusinessDay ? "business day" : "day";
        return days == 0 ? "no time late once the wait on the customer is left out" : $"{PromiseMessages.Plural(days, unit)} late";
    }

    /// <summary>The create reply's guarantee line (a full refund's risk is the promise's refund-guarantee flag, shown with its risk).</summary>
    public static IEnumerable<ReplyBlock> ForCreated(PromiseGuarantee guarantee)
    {
        ArgumentNullException.ThrowIfNull(guarantee);
        yield return new ContextBlock(T("Guarantee: "), T(GuaranteeText(guarantee)));
    }

    /// <summary>The close reply's line: "Pending credit: $240.00 (1 day late). credit 12 issue or credit 12 waive".</summary>
    public static string PendingNote(PromiseNumber number, Money amount, int days, RemedyKind kind, bool broken, Money? before, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(amount);
        ArgumentNullException.ThrowIfNull(view);
        var was = before is null ? "" : $", recomputed from {before.Format()}";
        return $"Pending credit: {amount.Format()} ({DelayText(days, kind, broken)}{was}). {view.Cmd($"credit {number.Value} issue")} or {view.Cmd($"credit {number.Value} waive")}";
    }

    /// <summary>A close after the credit was decided: it stays as it was.</summary>
    public static string DecidedNote(ServiceCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        return $"The credit of {credit.Amount.Format()} was already {StateText(credit.State)}; it stays as it is.";
    }

    public static string StateText(CreditState state) => state switch
    {
        CreditState.Issued => "issued",
        CreditState.Waived => "waived",
        _ => "pending",
    };

    public static Reply TierSet(GuaranteeTier tier, GuaranteeTier? before, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(view);
        var blocks = new List<ReplyBlock> { new TextBlock(T("Guarantee tier "), B(tier.Name), T(": " + TermsText(tier) + ".")) };
        var context = new List<TextRun>();
        if (before is not null)
        {
            context.Add(T($"Replaces {TermsText(before)}; promises already made keep the terms they were made with. "));
        }

        if (tier.IsFullRefund)
        {
            context.Add(T("Promises with it count as high risk (full refund if late). "));
        }

        context.Add(T("Use it: "));
        context.Add(C(view.Cmd($"add Redesign the landing page by Friday for Acme guarantee {tier.Name} value $2,400")));
        blocks.Add(new ContextBlock(context));
        return new Reply(ReplyVisibility.Channel, ReplyTone.Success, $"Guarantee tier {tier.Name}: {TermsText(tier)}", blocks);
    }

    public static Reply Tiers(IReadOnlyList<GuaranteeTier> tiers, string currency, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(view);
        if (tiers.Count == 0)
        {
            return Reply.Private(
                ReplyTone.Info,
                "No guarantee tiers yet",
                new TextBlock(T("This workspace has no guarantee tiers yet.")),
                new ContextBlock(T("Add one: "), C(view.Cmd(GuaranteeParser.TierUsage)), T($" · values are in {currency} unless they say otherwise ("), C(view.Cmd(GuaranteeParser.CurrencyUsage)), T(")")));
        }

        var blocks = new List<ReplyBlock> { new HeaderBlock("Guarantee tiers") };
        blocks.AddRange(tiers.Select(t => (ReplyBlock)new TextBlock(B(t.Name), T(" — " + TermsText(t)))));
        blocks.Add(new ContextBlock(T($"Values are in {currency} unless they say otherwise. A promise uses one with "), C("guarantee <tier> value <amount>"), T(".")));
        return Reply.Private(ReplyTone.Info, $"{PromiseMessages.Plural(tiers.Count, "guarantee tier")}", [.. blocks]);
    }

    public static Reply TierRemoved(string name) =>
        new(ReplyVisibility.Channel, ReplyTone.Success, $"Removed the guarantee tier {name}",
            [new TextBlock(T("Removed the guarantee tier "), B(name), T(".")), new ContextBlock(T("Promises already made with it keep their guarantee and credits."))]);

    public static Reply NoSuchTier(string name, IReadOnlyList<GuaranteeTier> tiers, string understood, string hint, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var known = tiers.Count == 0 ? "This workspace has no tiers yet." : "Tiers: " + string.Join(", ", tiers.Select(t => t.Name)) + ".";
        return PromiseMessages.Refusal(new CommandError($"There is no guarantee tier \"{name}\". {known}", understood, hint), view);
    }

    public static Reply CurrencySet(string code, string? before)
    {
        var currency = Currencies.Of(code);
        var example = new Money(240_000 * currency.MinorPerMajor / 100, code).Format();
        return new(ReplyVisibility.Channel, ReplyTone.Success, $"Currency set to {code}",
            [
                new TextBlock(T("Values without a currency are now in "), B(code), T($" (2400 is {example}).")),
                new ContextBlock(T(before is null || before == code
                    ? "Promises already made keep the currency they were made in."
                    : $"Was {before}. Promises already made keep the currency they were made in.")),
            ]);
    }

    public static Reply Decided(Promise promise, ServiceCredit credit, RemedyKind kind, CreditState state, string? reason)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(credit);
        var verb = state == CreditState.Issued ? "Issued" : "Waived";
        var runs = new List<TextRun> { T($"{verb} the service credit of "), B(credit.Amount.Format()), T(" on "), B(promise.Number.ToString()), T(" "), T(promise.Title), T(".") };
        if (reason is not null)
        {
            runs.Add(T(" — "));
            runs.Add(I(reason));
        }

        return new Reply(ReplyVisibility.Channel, ReplyTone.Success, $"{verb} the credit of {credit.Amount.Format()} on {promise.Number}",
            [new TextBlock(runs), new ContextBlock(T($"{DelayText(credit.DaysLate, kind, credit.Broken)} · value {credit.Value.Format()} · tier {credit.Tier}"))]);
    }

    public static Reply AlreadyDecided(ServiceCredit credit, DecideCreditCommand command, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(credit);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(view);
        var when = credit.DecidedAt is { } at ? " " + DueFormatter.FormatAbsolute(at, view.Zone, view.Now) : "";
        var by = credit.DecidedBy is { } who ? $" by <@{who.Value}>" : "";
        var reason = credit.Reason is { Length: > 0 } why ? $" ({why})" : "";
        return PromiseMessages.Refusal(
            new CommandError(
                $"The credit of {credit.Amount.Format()} on {credit.Number} was already {StateText(credit.State)}{when}{reason}; a credit is decided once, so nothing changed.",
                $"{(command.Issue ? "issue" : "waive")} the credit on {credit.Number}{by}",
                $"credits"),
            view);
    }

    public static Reply NoGuarantee(Promise promise, DecideCreditCommand command, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(command);
        return PromiseMessages.Refusal(
            new CommandError(
                $"{promise.Number} has no guarantee, so it has no service credit. A guarantee is set when a promise is made.",
                $"{(command.Issue ? "issue" : "waive")} the credit on {promise.Number}",
                GuaranteeParser.ClauseUsage),
            view);
    }

    public static Reply NoCreditYet(Promise promise, DecideCreditCommand command, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(command);
        return PromiseMessages.Refusal(
            new CommandError(
                $"{promise.Number} is guaranteed but has no service credit: one is entered when it closes late or broken.",
                $"{(command.Issue ? "issue" : "waive")} the credit on {promise.Number}",
                $"show {promise.Number.Value}"),
            view);
    }

    public static Reply Credits(YearMonth month, IReadOnlyList<ServiceCredit> credits, ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(credits);
        ArgumentNullException.ThrowIfNull(view);
        var name = MonthName(month);
        if (credits.Count == 0)
        {
            return Reply.Private(ReplyTone.Info, $"No service credits in {name}",
                new TextBlock(T($"No service credits were entered in {name}.")),
                new ContextBlock(T("Credits are entered when a guaranteed promise closes late or broken. Another month: "), C(view.Cmd(GuaranteeParser.CreditsUsage))));
        }

        var blocks = new List<ReplyBlock> { new HeaderBlock($"Service credits, {name}") };
        foreach (var credit in credits.Take(PromiseCommandService.PageSize))
        {
            var runs = new List<TextRun> { B(credit.Number.ToString()), T(" "), T(credit.Title), T(" — "), B(credit.Amount.Format()), T(" " + StateText(credit.State)) };
            if (credit.Reason is { Length: > 0 } reason)
            {
                runs.Add(T(" — "));
                runs.Add(I(reason));
            }

            runs.Add(T($" ({credit.Tier}, {(credit.Broken ? "broken" : PromiseMessages.Plural(credit.DaysLate, "day") + " late")})"));
            blocks.Add(new TextBlock(runs));
        }

        if (credits.Count > PromiseCommandService.PageSize)
        {
            blocks.Add(new ContextBlock(T($"…and {credits.Count - PromiseCommandService.PageSize} more.")));
        }

        foreach (var totals in CreditFigures.Of(credits, []))
        {
            blocks.Add(new ContextBlock(T(TotalsText(totals))));
        }

        return Reply.Private(ReplyTone.Info, $"{PromiseMessages.Plural(credits.Count, "service credit")} in {name}", [.. blocks]);
    }

    /// <summary>"USD: issued $240.00 (1), waived $0.00 (0), pending $120.00 (1)".</summary>
    public static string TotalsText(CreditFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        string M(long minor) => new Money(minor, figures.Currency).Format();
        return $"{figures.Currency}: issued {M(figures.IssuedMinor)} ({figures.Issued}), waived {M(figures.WaivedMinor)} ({figures.Waived}), pending {M(figures.PendingMinor)} ({figures.Pending})";
    }

    /// <summary>The report's "Service credits" lines, one per currency: issued and waived, and their share of the value guaranteed.</summary>
    public static IEnumerable<ReplyBlock> ForReport(IReadOnlyList<CreditFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Count == 0)
        {
            yield break;
        }

        yield return new TextBlock(B("Service credits"));
        foreach (var f in figures)
        {
            string M(long minor) => new Money(minor, f.Currency).Format();
            var share = f.IssuedShareBasisPoints is { } issued
                ? $" · revenue impact {GuaranteeParser.BasisPointsText(issued)} of {M(f.GuaranteedMinor)} guaranteed on {PromiseMessages.Plural(f.GuaranteedPromises, "promise")} closed"
                    + (f.WaivedShareBasisPoints is { } waived and > 0 ? $" (waived {GuaranteeParser.BasisPointsText(waived)})" : "")
                : " · no guaranteed promise closed";
            yield return new ContextBlock(T(TotalsText(f) + share));
        }
    }

    /// <summary>The guarantee and credit fields of <c>show</c>.</summary>
    public static Reply WithDetails(Reply details, PromiseGuarantee guarantee, ServiceCredit? credit)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(guarantee);
        var fields = new List<Field> { new("Guarantee", [T(GuaranteeText(guarantee))]) };
        if (credit is not null)
        {
            var text = $"{credit.Amount.Format()} {StateText(credit.State)} ({DelayText(credit.DaysLate, guarantee.Terms.Kind, credit.Broken)})";
            fields.Add(new Field("Service credit", credit.Reason is { Length: > 0 } reason ? [T(text + " — "), I(reason)] : [T(text)]));
        }

        var added = false;
        var blocks = new List<ReplyBlock>();
        foreach (var block in details.Blocks)
        {
            if (!added && block is FieldsBlock existing)
            {
                blocks.Add(new FieldsBlock([.. existing.Fields, .. fields]));
                added = true;
            }
            else
            {
                blocks.Add(block);
            }
        }

        return details with { Blocks = added ? blocks : [.. details.Blocks, new FieldsBlock(fields)] };
    }

    /// <summary>How a credit event reads in <c>history</c>, after the actor.</summary>
    public static string EventText(PromiseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind switch
        {
            PromiseEventKind.CreditEntered when e.OldValue is { Length: > 0 } old => $" entered a pending service credit of {e.NewValue} (was {old})",
            PromiseEventKind.CreditEntered => $" entered a pending service credit of {e.NewValue}",
            PromiseEventKind.CreditIssued => $" issued the service credit of {e.NewValue}",
            _ => $" waived the service credit of {e.NewValue}",
        };
    }

    public static string MonthName(YearMonth month) =>
        month.OnDayOfMonth(1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public static Reply Help(ReplyContext view)
    {
        ArgumentNullException.ThrowIfNull(view);
        ReplyBlock Line(string usage, string what) => new TextBlock(C(view.Cmd(usage)), T("  " + what));
        return Reply.Private(
            ReplyTone.Info,
            "Guarantees and service credits",
            [
                new HeaderBlock("Guarantees and service credits"),
                new TextBlock(B("Tiers"), T(" — what the workspace owes a customer when a guaranteed promise is late")),
                Line("guarantee basic credit 5% per business day late max 25%", "a credit per business day late (on the promise's calendar), up to a maximum"),
                Line("guarantee premium credit 10% per day late max 100%", "a credit per day late (each started 24 hours)"),
                Line("guarantee full-refund refund 100% if late", "a refund once late at all (the promise counts as high risk)"),
                Line("guarantee list", "the tiers"),
                Line("guarantee remove basic", "remove one (promises made with it keep their terms)"),
                Line("config currency EUR", "the currency of values that don't say (default USD)"),
                new TextBlock(B("On a promise")),
                Line("add Redesign the landing page by Friday for Acme #web guarantee premium value $2,400", "a tier and the value guaranteed: $2,400, €1,200.50, 2400 EUR, USD 2,400"),
                new TextBlock(B("Credits")),
                Line("credit 12 issue", "give the customer the pending credit"),
                Line("credit 12 waive the customer asked us to skip it", "don't (the reason is kept)"),
                Line("credits last month", "the credit ledger of a month (credits, credits november, credits 2026-11)"),
                new ContextBlock(T("When a guaranteed promise closes late or broken, its credit is entered as pending: the delay runs from the deadline (not the aim) to the close, less the time paused waiting on the customer. Broken owes the tier's maximum. Reopened and closed again, a pending credit is recomputed, never doubled; an issued or waived one stays. Each credit is issued or waived once.")),
                new ContextBlock(T("Money is whole minor units (cents), never rounded from typed decimals: more decimals than the currency has, an unknown currency, a negative or absurd value, or a \"$\" in a workspace that counts in another currency are refused. The monthly report shows credits issued and waived and their share of the value guaranteed.")),
            ]);
    }
}
