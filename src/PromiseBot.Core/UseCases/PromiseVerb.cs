namespace PromiseBot.Core.UseCases;

/// <summary>What a button under a promise (or the form it opens) asks for, on every surface.</summary>
public enum PromiseVerb
{
    Done,
    Ack,
    Extend,
    Reassign,
}
