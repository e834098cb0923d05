namespace PromiseBot.Core.Commands;

/// <summary>What the platform says about someone picked as owner or backup.</summary>
public enum PersonStanding
{
    Person,
    Bot,
    Deactivated,
    Unknown,

    /// <summary>The platform could not say in time: the person is accepted rather than the form blocked.</summary>
    CouldNotTell,
}
