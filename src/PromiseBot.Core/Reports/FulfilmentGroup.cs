namespace PromiseBot.Core.Reports;

/// <summary>One row of a report's table: a category's or an owner's tally (<see cref="Key"/> is the category name or the user id).</summary>
public sealed record FulfilmentGroup(string Key, FulfilmentTally Tally);
