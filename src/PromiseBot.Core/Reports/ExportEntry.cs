using PromiseBot.Core.Feedback;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Recovery;

namespace PromiseBot.Core.Reports;

/// <summary>
/// One promise as an export sees it: the promise, its recovery note and customer feedback (null: none), and the
/// events of its history that the export counts (extensions, pauses, resumes, closes), oldest first.
/// </summary>
public sealed record ExportEntry(Promise Promise, RecoveryNote? Recovery, CustomerFeedback? Feedback, IReadOnlyList<ExportEvent> Events);
