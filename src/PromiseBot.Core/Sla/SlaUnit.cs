namespace PromiseBot.Core.Sla;

/// <summary>What a service-level target counts in: business minutes, hours or days of its calendar.</summary>
public enum SlaUnit
{
    BusinessMinutes = 0,
    BusinessHours = 1,
    BusinessDays = 2,
}
