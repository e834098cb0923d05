using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Reports;

/// <summary>One promise as a report sees it: the promise and whether a recovery note was written for it.</summary>
public sealed record ReportEntry(Promise Promise, bool HasRecoveryNote);
