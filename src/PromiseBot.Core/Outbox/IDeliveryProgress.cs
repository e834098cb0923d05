namespace PromiseBot.Core.Outbox;

/// <summary>
/// The outbox row's record of a multi-step send (<see cref="DeliveryProgress"/>), handed to an
/// <see cref="IResumableChatMessenger"/> with the send. The messenger saves before each call that must not be repeated
/// and after each step that succeeded; a later attempt starts from <see cref="Current"/>.
/// </summary>
public interface IDeliveryProgress
{
    /// <summary>What earlier attempts recorded (<see cref="DeliveryProgress.None"/> on the first).</summary>
    DeliveryProgress Current { get; }

    /// <summary>
    /// Stores <paramref name="progress"/> (and makes it <see cref="Current"/>) once it is committed. False when the row
    /// is no longer this attempt's (its claim ran out and another pass took it): the messenger must then stop without
    /// making the next call.
    /// </summary>
    Task<bool> SaveAsync(DeliveryProgress progress, CancellationToken cancellationToken);
}
