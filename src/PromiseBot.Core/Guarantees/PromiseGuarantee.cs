namespace PromiseBot.Core.Guarantees;

/// <summary>
/// The guarantee a promise was made with: the tier's terms as they stood then (a tier changed or removed later does
/// not rewrite what was promised) and the guaranteed value.
/// </summary>
public sealed record PromiseGuarantee(GuaranteeTier Terms, Money Value);
