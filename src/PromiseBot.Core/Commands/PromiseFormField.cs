namespace PromiseBot.Core.Commands;

/// <summary>The fields of the new-promise form, the same on every surface; each surface maps them to its inputs.</summary>
public enum PromiseFormField
{
    Title,
    Due,
    Customer,
    Category,
    Owner,
    Backup,

    /// <summary>The optional aim before the deadline (free text, read like a typed due: "Thursday noon").</summary>
    Aim,
}
